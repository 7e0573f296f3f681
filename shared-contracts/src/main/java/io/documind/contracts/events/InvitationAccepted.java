package io.documind.contracts.events;

import java.util.List;

/**
 * An invitation was accepted. {@code emailProved}: the invitee accepted with the emailed secret while signed in as
 * the invitee's address, which proves that address (false for an acceptance a management token recorded).
 */
public record InvitationAccepted(String invitationId, String organizationId, String acceptedUserId, String invitee,
                                 List<String> roles, Actor inviter, boolean emailProved) implements DomainEvent {
}
