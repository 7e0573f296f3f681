package io.documind.contracts.events;

import java.util.List;

/**
 * org-service did not grant an accepted invitation's roles: {@code grantorId}, who vouched for them
 * (InvitationAccepted's), no longer held them in the organization when the acceptance was applied (left it, was
 * suspended or deleted, or lost scopes the roles carry). No membership was made and no roles were added. The
 * invitation stays Accepted (a final status); invitation-service ends the invitee's wait with a refusal, and a new
 * invitation from someone who holds the roles is the way in.
 *
 * <p>{@code invitee}, {@code roles} and {@code inviter} repeat the acceptance's, so notification-service can tell the
 * inviter that the invitee did not join after all; null in events from before they were added.
 */
public record InvitationGrantRefused(String invitationId, String organizationId, String acceptedUserId,
                                     String grantorId, String invitee, List<String> roles, Actor inviter)
        implements DomainEvent {

    /** Without the acceptance's people and roles, as before they were added. */
    public InvitationGrantRefused(String invitationId, String organizationId, String acceptedUserId, String grantorId) {
        this(invitationId, organizationId, acceptedUserId, grantorId, null, null, null);
    }
}
