package io.documind.invitation.lifecycle;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code invitation}, mapped by column name. The roles are stored as parallel arrays of template ids
 * (an id may be null) and names; {@link #toInvitation()} pairs them up.
 */
@MappedEntity("invitation")
public record InvitationRow(@Id UUID id,
                            String organizationId,
                            String invitee,
                            @Nullable String inviterId,
                            @Nullable String inviterEmail,
                            String[] roleIds,
                            String[] roleNames,
                            InvitationStatus status,
                            byte[] secretHash,
                            Instant expiresAt,
                            @Nullable String acceptedUserId,
                            @Nullable Instant messageSentAt,
                            Instant createdAt,
                            Instant updatedAt) {

    public Invitation toInvitation() {
        List<InvitationRole> roles = new ArrayList<>(roleNames.length);
        for (int i = 0; i < roleNames.length; i++) {
            roles.add(new InvitationRole(i < roleIds.length ? roleIds[i] : null, roleNames[i]));
        }
        return new Invitation(id, organizationId, invitee, inviterId, inviterEmail, List.copyOf(roles), status,
                secretHash, expiresAt, acceptedUserId, messageSentAt, createdAt, updatedAt);
    }
}
