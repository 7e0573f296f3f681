package io.documind.contracts.events;

public record EmailFailed(String notificationId, String organizationId, String usageType, String recipient,
                          String triggeringEventId, String reason) implements DomainEvent {
}
