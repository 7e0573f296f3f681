package io.documind.contracts.events;

import java.util.Map;

/**
 * An organization was created; {@code createdBy} is null when a machine created it. {@code customData},
 * {@code isMfaRequired} and {@code branding} are as in Logto; events written before they existed have none
 * (null, false, null).
 */
public record OrganizationCreated(String organizationId, String name, String description, Actor createdBy,
                                  Map<String, Object> customData, boolean isMfaRequired, OrganizationBranding branding)
        implements DomainEvent {
}
