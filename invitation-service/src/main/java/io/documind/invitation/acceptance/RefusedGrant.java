package io.documind.invitation.acceptance;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * An accepted invitation whose roles org-service did not grant: {@code cause} "grantor" (InvitationGrantRefused, its
 * grantor named) or "invitee" (InvitationAcceptanceRefused, no grantor).
 */
@MappedEntity("refused_grant")
public record RefusedGrant(@Id UUID invitationId, @Nullable String grantorId, Instant refusedAt, String cause) {
}
