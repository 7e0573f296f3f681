package io.documind.invitation.lifecycle;

import io.documind.contracts.events.Actor;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An invitation as stored. {@code status} is the stored one; {@link #statusAt} is what it is now. */
public record Invitation(UUID id,
                         String organizationId,
                         String invitee,
                         String inviterId,
                         String inviterEmail,
                         List<InvitationRole> roles,
                         InvitationStatus status,
                         byte[] secretHash,
                         Instant expiresAt,
                         String acceptedUserId,
                         Instant messageSentAt,
                         Instant createdAt,
                         Instant updatedAt) {

    /** Expired the moment its time passes, before the sweep has written it down. */
    public InvitationStatus statusAt(Instant now) {
        return status == InvitationStatus.Pending && !expiresAt.isAfter(now) ? InvitationStatus.Expired : status;
    }

    /** The inviter as events carry it; null when a machine invited without naming anyone. */
    public Actor inviter() {
        return inviterId == null ? null : new Actor(inviterId, inviterEmail);
    }

    public List<String> roleNames() {
        return roles.stream().map(InvitationRole::name).toList();
    }

    /** The roles' template ids, in the order of {@link #roleNames()}; null where an id is not known. */
    public List<String> roleIds() {
        return roles.stream().map(InvitationRole::id).toList();
    }
}
