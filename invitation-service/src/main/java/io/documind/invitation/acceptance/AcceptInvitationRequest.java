package io.documind.invitation.acceptance;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The one-time secret from the emailed link. */
@Serdeable
public record AcceptInvitationRequest(@NotBlank @Size(max = 128) String token) {
}
