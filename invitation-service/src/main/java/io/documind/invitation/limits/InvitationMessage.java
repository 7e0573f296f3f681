package io.documind.invitation.limits;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** One invitation message an organization asked for, counted by the rate limits while it is recent. */
@MappedEntity("invitation_message")
public record InvitationMessage(@Id UUID id, String organizationId, Instant sentAt) {
}
