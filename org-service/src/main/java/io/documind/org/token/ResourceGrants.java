package io.documind.org.token;

import io.documind.org.resource.ApiResource;
import io.documind.org.resource.ApiResourceService;
import io.documind.org.resource.ResourceScopeRepository;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * What a token for a registered API resource (RFC 8707 {@code resource}) may carry: the resource scopes granted by
 * the caller's roles, read from the current tables at each request, so a role's changed scopes reach the next token.
 */
@Singleton
class ResourceGrants {

    /** A registered API resource a token is asked for. */
    record Target(String indicator, String resourceId, Duration lifetime) {
    }

    private final ApiResourceService resources;
    private final ResourceScopeRepository scopes;

    ResourceGrants(ApiResourceService resources, ResourceScopeRepository scopes) {
        this.resources = resources;
        this.scopes = scopes;
    }

    /** The registered resource of this indicator, or invalid_target (the platform's own URNs are never one). */
    Target target(String indicator) {
        ApiResource r = resources.byIndicator(indicator).orElseThrow(() ->
                new OAuthException("invalid_target", "Unknown resource " + indicator));
        return new Target(r.indicator(), r.id(), Duration.ofSeconds(r.accessTokenTtl()));
    }

    /** Of the user's global User roles. */
    List<String> ofUser(String userId, Target target) {
        return scopes.grantedToUser(userId, target.resourceId());
    }

    /** Of the app's global MachineToMachine roles. */
    List<String> ofApplication(String applicationId, Target target) {
        return scopes.grantedToApplication(applicationId, target.resourceId());
    }

    /** Of the member's organization roles in that organization. */
    List<String> ofMember(UUID organizationId, String userId, Target target) {
        return scopes.grantedToMember(organizationId, userId, target.resourceId());
    }
}
