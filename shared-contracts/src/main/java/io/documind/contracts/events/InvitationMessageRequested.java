package io.documind.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * Asks notification-service to email the invitee. The link carries the one-time secret, so it never travels in
 * clear: {@code sealedLink} is the link sealed for notification-service alone (the kit's {@code SealedBox}:
 * X25519 + AES-256-GCM to notification-service's public key, the invitation id as associated data), and the
 * outbox, the topic and its dead-letter topic hold only that.
 */
public record InvitationMessageRequested(String invitationId, String organizationId, String organizationName,
                                         String invitee, String sealedLink, Actor inviter, List<String> roles,
                                         Instant expiresAt) implements DomainEvent {
}
