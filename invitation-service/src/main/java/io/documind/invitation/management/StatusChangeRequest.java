package io.documind.invitation.management;

import io.documind.invitation.lifecycle.InvitationStatus;
import io.documind.kit.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Logto's {@code PUT /{id}/status} body: {@code Revoked}, or {@code Accepted} with the user who joins. */
@Serdeable
public record StatusChangeRequest(@NotBlank String status, @Nullable @Size(min = 1, max = 64) String acceptedUserId) {

    public InvitationStatus target() {
        if (InvitationStatus.Revoked.name().equals(status)) {
            if (acceptedUserId != null) {
                // Dropped silently before: the caller may have meant Accepted.
                throw ProblemException.badRequest("acceptedUserId", "acceptedUserId is only for status Accepted");
            }
            return InvitationStatus.Revoked;
        }
        if (InvitationStatus.Accepted.name().equals(status)) {
            if (acceptedUserId == null || acceptedUserId.isBlank()) {
                throw ProblemException.badRequest("acceptedUserId", "acceptedUserId is required to accept");
            }
            return InvitationStatus.Accepted;
        }
        throw ProblemException.badRequest("status", "status must be Revoked or Accepted");
    }
}
