package io.documind.contracts.events;

/**
 * An application no longer belongs to the organization. Its tokens for that organization whose organization
 * authority version is below {@code authorityVersion} are refused by every service.
 */
public record ApplicationRemovedFromOrganization(String organizationId, String applicationId, long authorityVersion)
        implements DomainEvent {
}
