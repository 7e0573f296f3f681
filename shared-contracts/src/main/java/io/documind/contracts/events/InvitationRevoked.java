package io.documind.contracts.events;

public record InvitationRevoked(String invitationId, String organizationId, String invitee) implements DomainEvent {
}
