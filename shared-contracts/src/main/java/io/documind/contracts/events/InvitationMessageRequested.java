package io.documind.contracts.events;

import java.time.Instant;
import java.util.List;

/** Asks notification-service to email the invitee; {@code link} carries the one-time secret. */
public record InvitationMessageRequested(String invitationId, String organizationId, String organizationName,
                                         String invitee, String link, Actor inviter, List<String> roles,
                                         Instant expiresAt) implements DomainEvent {
}
