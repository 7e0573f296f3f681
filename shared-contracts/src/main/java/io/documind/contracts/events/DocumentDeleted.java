package io.documind.contracts.events;

public record DocumentDeleted(String documentId, String organizationId) implements DomainEvent {
}
