package io.documind.kit.security;

import java.time.Duration;
import java.util.Optional;

/**
 * Says whether a token that passed every signature and claim check was issued before the authority behind it
 * shrank (DESIGN §4, authority versions). The token validation asks it last; the kit's implementation compares
 * the token's {@code authority_version} and {@code organization_authority_version} with the newest versions this
 * service has learned from org-service's events.
 */
public interface AuthorityCheck {

    /**
     * Why the token must be refused (the {@code error_description} of a 401 {@code invalid_token}), or empty when
     * its authority is current.
     *
     * @param subject                      the token's {@code sub}
     * @param organizationId               the organization the token is for, or null for a token of none
     * @param authorityVersion             the token's {@code authority_version}, or null when absent
     * @param organizationAuthorityVersion the token's {@code organization_authority_version}, or null when absent
     */
    Optional<String> refusal(String subject, String organizationId, Long authorityVersion,
                             Long organizationAuthorityVersion);

    /**
     * Why a token that lives this long ({@code exp - iat}) must be refused whatever its versions: this service
     * forgets a change after a fixed time, so a token outliving that could come back to life once its floor is
     * forgotten. Empty by default (a check that forgets nothing).
     */
    default Optional<String> lifetimeRefusal(Duration lifetime) {
        return Optional.empty();
    }
}
