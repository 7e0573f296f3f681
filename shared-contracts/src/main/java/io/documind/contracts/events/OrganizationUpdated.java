package io.documind.contracts.events;

import java.util.Map;

/** The organization as it is after the change; the last three fields as in {@link OrganizationCreated}. */
public record OrganizationUpdated(String organizationId, String name, String description,
                                  Map<String, Object> customData, boolean isMfaRequired, OrganizationBranding branding)
        implements DomainEvent {
}
