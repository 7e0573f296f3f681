package io.documind.contracts.events;

import java.util.List;

/**
 * org-service did not apply an accepted invitation: it had announced a change of the invitee's membership in the
 * organization (MembershipRemoved or MemberRolesChanged, a version above the acceptance's {@code inviteeVersion})
 * that invitation-service had not applied when it accepted. Applied, the change may have ended the invitation (an
 * invitation to a member follows what the organization decides about that member), so no membership was made and no
 * roles were added. The invitation stays Accepted (a final status); invitation-service ends the invitee's wait with a
 * refusal, and a new invitation is the way in.
 *
 * <p>{@code announcedVersion}: the newest change org-service had announced. invitation-service counts it as applied
 * from then on, so the next acceptance is judged afresh even where that change never reached it (an event
 * dead-lettered, a database restored): this event comes after the change on the same topic and key.
 * {@code invitee} and {@code roles} repeat the acceptance's, for people reading the log.
 */
public record InvitationAcceptanceRefused(String invitationId, String organizationId, String acceptedUserId,
                                          String invitee, List<String> roles, long announcedVersion)
        implements DomainEvent {
}
