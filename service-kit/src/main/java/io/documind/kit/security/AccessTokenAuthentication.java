package io.documind.kit.security;

import com.nimbusds.jwt.JWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.generator.claims.JwtClaimsSetAdapter;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a validated token into micronaut-security's {@link Authentication}: the name is {@code sub}, the roles are
 * the scopes, and the attribute {@link #ACCESS_TOKEN} holds the {@link AccessToken} that controllers are given
 * (its kind and organization come from the audience, which the default factory knows nothing of).
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
class AccessTokenAuthentication implements JwtAuthenticationFactory {

    static final String ACCESS_TOKEN = "documind.access-token";

    private final SecuritySettings settings;

    AccessTokenAuthentication(SecuritySettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        try {
            AccessToken accessToken = AccessTokenClaims.read(new JwtClaimsSetAdapter(token.getJWTClaimsSet()),
                    settings.apiAudience());
            return Optional.of(Authentication.build(accessToken.subject(), accessToken.scopes(),
                    Map.of(ACCESS_TOKEN, accessToken)));
        } catch (ParseException e) {
            throw new InvalidTokenException("The access token's claims are malformed");
        }
    }

    static Optional<AccessToken> of(Authentication authentication) {
        return authentication.getAttributes().get(ACCESS_TOKEN) instanceof AccessToken token
                ? Optional.of(token) : Optional.empty();
    }
}
