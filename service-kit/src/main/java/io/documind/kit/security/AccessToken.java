package io.documind.kit.security;

import io.micronaut.core.annotation.Nullable;

import java.security.Principal;
import java.time.Instant;
import java.util.Set;

/**
 * A validated access token, as controllers see it (declare a parameter of this type).
 *
 * @param subject        {@code sub}: the user id, or the application id of a management or app organization token
 * @param clientId       {@code client_id}
 * @param kind           what the audience says the token is for
 * @param organizationId the organization of an organization token (from {@code aud}); null otherwise
 * @param scopes         the {@code scope} claim, split on spaces
 * @param tokenId        {@code jti}
 * @param expiresAt      {@code exp}
 * @param email          the {@code email} claim of a user token (the issuer's record of the user); null otherwise
 * @param emailVerified  the {@code email_verified} claim of a user token: the user proved {@code email}; false
 *                       otherwise
 * @param authorityVersion             {@code authority_version}, or null when absent (DESIGN §4)
 * @param organizationAuthorityVersion {@code organization_authority_version}, or null when absent; kept so a write
 *                                     that vouches with the token's authority can check it again under its locks
 */
public record AccessToken(String subject,
                          String clientId,
                          TokenKind kind,
                          @Nullable String organizationId,
                          Set<String> scopes,
                          String tokenId,
                          Instant expiresAt,
                          @Nullable String email,
                          boolean emailVerified,
                          @Nullable Long authorityVersion,
                          @Nullable Long organizationAuthorityVersion) implements Principal {

    /**
     * The caller, {@code sub}. As a {@link Principal} the token is also what micronaut-openapi takes it for: bound by
     * the server, no request parameter, so the generated OpenAPI documents leave it out.
     */
    @Override
    public String getName() {
        return subject;
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
