package io.documind.contracts.events;

import java.util.List;

/**
 * org-service did not apply an accepted invitation: it had announced a change of the invitee's membership in the
 * organization (MembershipRemoved or MemberRolesChanged, a version above the acceptance's {@code inviteeVersion})
 * that invitation-service had not applied when it accepted. Had it applied it, the invitation would have ended (an
 * invitation to a member follows what the organization decides about that member); so no membership was made and no
 * roles were added. The invitation stays Accepted (a final status); invitation-service ends the invitee's wait with a
 * refusal, and a new invitation is the way in.
 *
 * <p>{@code invitee} and {@code roles} repeat the acceptance's, for people reading the log.
 */
public record InvitationAcceptanceRefused(String invitationId, String organizationId, String acceptedUserId,
                                          String invitee, List<String> roles) implements DomainEvent {
}
