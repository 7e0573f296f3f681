package io.documind.contracts.events;

import java.util.List;

/** The whole organization template after a change: every role with its scopes. Platform-wide, so no organization. */
public record OrganizationTemplateChanged(List<Role> roles) implements DomainEvent {

    public record Role(String id, String name, List<String> scopes) {
    }

    @Override
    public String organizationId() {
        return null;
    }
}
