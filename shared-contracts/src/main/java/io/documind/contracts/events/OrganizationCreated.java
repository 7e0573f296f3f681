package io.documind.contracts.events;

/** An organization was created; {@code createdBy} is null when a machine created it. */
public record OrganizationCreated(String organizationId, String name, String description, Actor createdBy)
        implements DomainEvent {
}
