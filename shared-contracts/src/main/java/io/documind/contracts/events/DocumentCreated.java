package io.documind.contracts.events;

public record DocumentCreated(String documentId, String organizationId, String title, String authorId)
        implements DomainEvent {
}
