package io.documind.kit.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.IssuerJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * {@code iss} must be exactly the configured issuer. The library's {@link IssuerJwtClaimsValidator} checks the same
 * but only answers false; this one says why, and reads the issuer from {@code documind.security.issuer}.
 */
@Singleton
@Order(10)
class IssuerClaimValidator<T> implements GenericJwtClaimsValidator<T> {

    private final SecuritySettings settings;

    IssuerClaimValidator(SecuritySettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        if (!settings.issuer().equals(claims.get(Claims.ISSUER))) {
            throw new InvalidTokenException("The access token was not issued by the trusted issuer");
        }
        return true;
    }
}
