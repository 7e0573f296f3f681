package io.documind.contracts.events;

import java.util.List;

public record InvitationAccepted(String invitationId, String organizationId, String acceptedUserId, String invitee,
                                 List<String> roles, Actor inviter) implements DomainEvent {
}
