package io.documind.contracts.events;

/** An email left for the SMTP server; {@code triggeringEventId} is the event that asked for it. */
public record EmailSent(String notificationId, String organizationId, String usageType, String recipient,
                        String triggeringEventId) implements DomainEvent {
}
