package io.documind.contracts.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An invitation was accepted. {@code emailProved}: the invitee accepted with the emailed secret while signed in as
 * the invitee's address, which proves that address (false for an acceptance a management token recorded).
 *
 * <p>{@code roles} names the invited roles as they were named when invited (for people to read); {@code roleIds}
 * holds their template ids in the same order, null for a role whose id was not known. A role is granted by its id
 * where there is one: a template role renamed since still reaches the member, and another role that took the old
 * name does not. {@code roleIds} is null in events of invitation-service versions before it.
 *
 * <p>{@code grantorId}: whose organization token last vouched for the roles (created or sent the invitation again),
 * a member's user id or an application's id; null when a management token did, or recorded this acceptance, and in
 * events from before it. org-service grants the roles only while the grantor still holds them: invitation-service
 * revokes what a grantor can no longer grant once it hears of the change, and this closes the time before it does.
 *
 * <p>{@code inviteeVersion}: the newest (acceptedUserId, organizationId) authority version invitation-service had
 * applied from MembershipRemoved or MemberRolesChanged when it accepted, 0 for none; null in events from before it.
 * invitation-service ends an invitation to a member the organization removes or demotes, but only once it hears of
 * it: org-service refuses the acceptance (InvitationAcceptanceRefused) when it has announced a newer version, so a
 * member removed a moment before accepting does not come straight back.
 */
public record InvitationAccepted(String invitationId, String organizationId, String acceptedUserId, String invitee,
                                 List<String> roles, Actor inviter, boolean emailProved, List<String> roleIds,
                                 String grantorId, Long inviteeVersion)
        implements DomainEvent {

    /** Roles by name only, as before {@code roleIds}. */
    public InvitationAccepted(String invitationId, String organizationId, String acceptedUserId, String invitee,
                              List<String> roles, Actor inviter, boolean emailProved) {
        this(invitationId, organizationId, acceptedUserId, invitee, roles, inviter, emailProved, null, null, null);
    }

    /** Without a grantor, as before {@code grantorId}. */
    public InvitationAccepted(String invitationId, String organizationId, String acceptedUserId, String invitee,
                              List<String> roles, Actor inviter, boolean emailProved, List<String> roleIds) {
        this(invitationId, organizationId, acceptedUserId, invitee, roles, inviter, emailProved, roleIds, null);
    }

    /** Without the invitee's version, as before {@code inviteeVersion}. */
    public InvitationAccepted(String invitationId, String organizationId, String acceptedUserId, String invitee,
                              List<String> roles, Actor inviter, boolean emailProved, List<String> roleIds,
                              String grantorId) {
        this(invitationId, organizationId, acceptedUserId, invitee, roles, inviter, emailProved, roleIds, grantorId,
                null);
    }

    /** The invited roles whose ids are known, by id. */
    public List<String> grantedByIds() {
        return idsMatchNames() ? roleIds.stream().filter(Objects::nonNull).toList() : List.of();
    }

    /** The invited roles whose ids are not known, by name (all of them in an event without ids). */
    public List<String> grantedByNames() {
        if (!idsMatchNames()) {
            return roles;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            if (roleIds.get(i) == null) {
                names.add(roles.get(i));
            }
        }
        return names;
    }

    private boolean idsMatchNames() {
        return roleIds != null && roles != null && roleIds.size() == roles.size();
    }
}
