package io.documind.kit.security;

import io.documind.contracts.security.TokenClaims;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Last claim check: is the authority behind the token still what it was when the token was issued
 * ({@link AuthorityCheck}, DESIGN §4 authority versions)? Last, so it only sees tokens that are otherwise good.
 * Every service has the check (the kit's {@code AuthorityFloors}); without one no context starts.
 */
@Singleton
@Order(Integer.MAX_VALUE)
class AuthorityClaimsValidator<T> implements GenericJwtClaimsValidator<T> {

    /** Looked up on first use, not at startup: the check may need beans that need this validator. */
    private final BeanProvider<AuthorityCheck> provider;
    private volatile AuthorityCheck check;

    AuthorityClaimsValidator(BeanProvider<AuthorityCheck> provider) {
        this.provider = provider;
    }

    @Override
    public boolean validate(Claims view, @Nullable T request) {
        AuthorityCheck authority = check();
        // TimeClaimsValidator ran before: exp and iat are present.
        Duration lifetime = Duration.between(AccessTokenClaims.time(view, "iat"), AccessTokenClaims.time(view, "exp"));
        authority.lifetimeRefusal(lifetime).ifPresent(reason -> {
            throw new InvalidTokenException(reason);
        });
        // AudienceClaimsValidator ran before: exactly one audience, sub and ids are sound.
        String organizationId = TokenClaims.organizationOf(AccessTokenClaims.audience(view).get(0));
        authority.refusal(AccessTokenClaims.string(view, "sub"), organizationId,
                        AccessTokenClaims.version(view, TokenClaims.AUTHORITY_VERSION),
                        AccessTokenClaims.version(view, TokenClaims.ORGANIZATION_AUTHORITY_VERSION))
                .ifPresent(reason -> {
                    throw new InvalidTokenException(reason);
                });
        return true;
    }

    private AuthorityCheck check() {
        AuthorityCheck resolved = check;
        if (resolved == null) {
            resolved = provider.get();
            check = resolved;
        }
        return resolved;
    }
}
