package io.documind.contracts.events;

public record InvitationExpired(String invitationId, String organizationId, String invitee) implements DomainEvent {
}
