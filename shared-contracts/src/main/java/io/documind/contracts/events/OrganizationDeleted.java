package io.documind.contracts.events;

public record OrganizationDeleted(String organizationId) implements DomainEvent {
}
