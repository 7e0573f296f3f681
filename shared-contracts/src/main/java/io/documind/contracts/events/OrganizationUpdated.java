package io.documind.contracts.events;

public record OrganizationUpdated(String organizationId, String name, String description) implements DomainEvent {
}
