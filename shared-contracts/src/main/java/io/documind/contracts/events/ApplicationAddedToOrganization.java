package io.documind.contracts.events;

import java.util.List;

/**
 * A machine-to-machine application now belongs to an organization and may get its organization tokens
 * ({@code client_credentials} with {@code organization_id}); {@code roles} are its organization roles there.
 */
public record ApplicationAddedToOrganization(String organizationId, String applicationId, List<String> roles)
        implements DomainEvent {
}
