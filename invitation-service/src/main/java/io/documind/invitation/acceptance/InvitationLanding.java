package io.documind.invitation.acceptance;

import io.documind.contracts.events.Actor;
import io.documind.invitation.lifecycle.Invitation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** What the invitation landing page shows to the holder of the link. */
@Serdeable
public record InvitationLanding(String id,
                                String organizationId,
                                @Nullable String organizationName,
                                String invitee,
                                @Nullable Actor inviter,
                                List<String> roles,
                                String status,
                                Instant expiresAt,
                                @Nullable String acceptedUserId) {

    static InvitationLanding of(Invitation i, String organizationName, Instant now) {
        return new InvitationLanding(i.id().toString(), i.organizationId(), organizationName, i.invitee(),
                i.inviter(), i.roleNames(), i.statusAt(now).name(), i.expiresAt(), i.acceptedUserId());
    }
}
