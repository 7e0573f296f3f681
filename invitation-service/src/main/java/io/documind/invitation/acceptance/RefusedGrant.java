package io.documind.invitation.acceptance;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** An accepted invitation whose roles org-service did not grant (InvitationGrantRefused). */
@MappedEntity("refused_grant")
public record RefusedGrant(@Id UUID invitationId, String grantorId, Instant refusedAt) {
}
