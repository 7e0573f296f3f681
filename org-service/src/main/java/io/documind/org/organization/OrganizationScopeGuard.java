package io.documind.org.organization;

import io.documind.kit.security.AccessToken;
import io.documind.kit.web.ProblemException;

import java.util.UUID;

/**
 * The organization comes from the token's audience, never from the path alone (DESIGN §4): a path naming any
 * other organization answers as if it did not exist.
 */
public final class OrganizationScopeGuard {

    private OrganizationScopeGuard() {
    }

    public static UUID sameOrganization(AccessToken token, UUID pathOrganizationId) {
        if (token.organizationId() == null || !token.organizationId().equalsIgnoreCase(pathOrganizationId.toString())) {
            throw ProblemException.notFound("Organization");
        }
        return pathOrganizationId;
    }
}
