package io.documind.contracts.events;

import java.time.Instant;
import java.util.List;

public record InvitationCreated(String invitationId, String organizationId, String invitee, List<String> roles,
                                Actor inviter, Instant expiresAt) implements DomainEvent {
}
