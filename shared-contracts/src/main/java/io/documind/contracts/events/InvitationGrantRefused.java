package io.documind.contracts.events;

/**
 * org-service did not grant an accepted invitation's roles: {@code grantorId}, who vouched for them
 * (InvitationAccepted's), no longer held them in the organization when the acceptance was applied (left it, was
 * suspended or deleted, or lost scopes the roles carry). No membership was made and no roles were added. The
 * invitation stays Accepted (a final status); invitation-service ends the invitee's wait with a refusal, and a new
 * invitation from someone who holds the roles is the way in.
 */
public record InvitationGrantRefused(String invitationId, String organizationId, String acceptedUserId,
                                     String grantorId) implements DomainEvent {
}
