package io.documind.invitation.lifecycle;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A template role an invitation grants, as it was when the invitation was made. */
@Serdeable
public record InvitationRole(@Nullable String id, String name) {
}
