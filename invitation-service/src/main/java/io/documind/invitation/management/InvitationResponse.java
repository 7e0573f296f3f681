package io.documind.invitation.management;

import io.documind.invitation.lifecycle.Invitation;
import io.documind.invitation.lifecycle.InvitationRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** An invitation as Logto shows it; {@code status} is what it is now (Expired as soon as its time passed). */
@Serdeable
public record InvitationResponse(String id,
                                 String organizationId,
                                 String invitee,
                                 @Nullable String inviterId,
                                 @Nullable String acceptedUserId,
                                 String status,
                                 List<InvitationRole> organizationRoles,
                                 Instant expiresAt,
                                 Instant createdAt,
                                 Instant updatedAt) {

    static InvitationResponse of(Invitation i, Instant now) {
        return new InvitationResponse(i.id().toString(), i.organizationId(), i.invitee(), i.inviterId(),
                i.acceptedUserId(), i.statusAt(now).name(), i.roles(), i.expiresAt(), i.createdAt(), i.updatedAt());
    }
}
