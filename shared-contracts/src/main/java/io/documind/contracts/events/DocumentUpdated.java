package io.documind.contracts.events;

public record DocumentUpdated(String documentId, String organizationId, String title, long version, String updatedBy)
        implements DomainEvent {
}
