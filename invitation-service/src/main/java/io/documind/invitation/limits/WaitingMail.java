package io.documind.invitation.limits;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** An invitation's email asked of notification-service ({@code eventId}) and not yet sent or failed. */
@MappedEntity("invitation_mail_waiting")
public record WaitingMail(@Id UUID invitationId, String organizationId, UUID eventId, Instant requestedAt) {
}
