package io.documind.kit.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * The audience must name one of the three token kinds (DESIGN §4), the other claims a token needs must be there,
 * and ids must fit the events ({@link AccessTokenClaims}). The library's audience validator accepts one configured
 * audience; ours are three, one of them per organization.
 */
@Singleton
@Order(30)
class AudienceClaimsValidator<T> implements GenericJwtClaimsValidator<T> {

    private final SecuritySettings settings;

    AudienceClaimsValidator(SecuritySettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        AccessTokenClaims.read(claims, settings.apiAudience());
        return true;
    }
}
