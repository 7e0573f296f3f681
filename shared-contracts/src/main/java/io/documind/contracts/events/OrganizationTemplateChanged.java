package io.documind.contracts.events;

import java.util.List;

/** The whole organization template after a change: every role with its scopes. Platform-wide, so no organization. */
public record OrganizationTemplateChanged(List<Role> roles) implements DomainEvent {

    /**
     * @param resourceScopes ids of the API resource scopes the role carries, so that a service applying "grant only
     *                       what you hold" sees all of a role's authority; null from producers that did not send them
     */
    public record Role(String id, String name, List<String> scopes, List<String> resourceScopes) {
    }

    @Override
    public String organizationId() {
        return null;
    }
}
