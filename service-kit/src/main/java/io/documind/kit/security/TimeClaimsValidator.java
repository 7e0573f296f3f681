package io.documind.kit.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.ExpirationJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * {@code exp} and {@code iat} required, {@code exp}, {@code nbf} and {@code iat} checked with the configured clock
 * skew. Replaces the library's {@link ExpirationJwtClaimsValidator} and not-before validator (switched off in
 * {@code KitDefaults}): they allow no skew, accept a token without {@code exp}, and do not say why.
 */
@Singleton
@Order(20)
class TimeClaimsValidator<T> implements GenericJwtClaimsValidator<T> {

    private final SecuritySettings settings;
    private final Clock clock;

    @Inject
    TimeClaimsValidator(SecuritySettings settings) {
        this(settings, Clock.systemUTC());
    }

    TimeClaimsValidator(SecuritySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public boolean validate(Claims view, @Nullable T request) {
        Instant now = clock.instant();
        Instant exp = AccessTokenClaims.time(view, "exp");
        Instant iat = AccessTokenClaims.time(view, "iat");
        if (exp == null || iat == null) {
            throw new InvalidTokenException("The access token lacks the claim " + (exp == null ? "exp" : "iat"));
        }
        if (now.minus(settings.clockSkew()).isAfter(exp)) {
            throw new InvalidTokenException("The access token has expired");
        }
        Instant nbf = AccessTokenClaims.time(view, "nbf");
        if (nbf != null && now.plus(settings.clockSkew()).isBefore(nbf)) {
            throw new InvalidTokenException("The access token is not valid yet");
        }
        if (now.plus(settings.clockSkew()).isBefore(iat)) {
            throw new InvalidTokenException("The access token was issued in the future");
        }
        return true;
    }
}
