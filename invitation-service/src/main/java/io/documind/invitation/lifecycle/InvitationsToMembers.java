package io.documind.invitation.lifecycle;

import io.documind.invitation.directory.Directory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A pending invitation addressed to someone who is (or was) a member: one sent before they joined another way (a
 * verified email domain, the Management API). Accepting it would grant its roles whatever has happened to the
 * membership since, so a member who is removed or demoted could come straight back through it, with the roles its
 * (still entitled) grantor once chose. The removal or role change is the organization's newer decision: it ends such
 * an invitation (InvitationRevoked, its mail cancelled). Runs in the consumer's transaction of org-service's event;
 * the invitation's row is locked (expired or not), so an accept in flight either finds it revoked or committed first.
 * One that committed first, before this service heard of the change, named the older change it had heard of
 * (InvitationAccepted's inviteeVersion), and org-service refuses it.
 */
@Singleton
public class InvitationsToMembers {

    private static final Logger LOG = LoggerFactory.getLogger(InvitationsToMembers.class);

    private final InvitationRepository invitations;
    private final InvitationEvents events;
    private final Directory directory;
    private final Clock clock;

    InvitationsToMembers(InvitationRepository invitations, InvitationEvents events, Directory directory, Clock clock) {
        this.invitations = invitations;
        this.events = events;
        this.directory = directory;
        this.clock = clock;
    }

    /** The member left the organization or was removed from it (before the member view forgets its address). */
    public void memberRemoved(String organizationId, String userId) {
        revoke(organizationId, userId, invitation -> true, "its invitee was removed from the organization");
    }

    /**
     * The member's roles became {@code roles}, which carry {@code scopes}: an invitation that would grant more is
     * revoked (judged as {@link HeldRoles} judges a grantor's).
     */
    public void memberRolesChanged(String organizationId, String userId, Collection<String> scopes,
                                   Collection<String> roles) {
        revoke(organizationId, userId, invitation -> !HeldRoles.of(scopes, roles, true, directory.templateRoles())
                .cover(invitation), "its invitee's roles were changed to fewer than it grants");
    }

    /** The member's pending invitations to the organization, found by the address this service knows for it. */
    private void revoke(String organizationId, String userId, Predicate<Invitation> ended, String why) {
        Optional<String> email = directory.emailOf(organizationId, userId);
        if (email.isEmpty()) {
            return;
        }
        invitations.holdInvitationsTo(organizationId, email.get()); // a creation in flight commits first
        List<Invitation> pending = invitations.pendingToForUpdate(organizationId, email.get());
        Instant now = clock.instant(); // after the lock's wait
        for (Invitation invitation : pending) {
            // Locked, then judged: one that has expired meanwhile is left for the expiry job, not revoked.
            if (invitation.expiresAt().isAfter(now) && ended.test(invitation)) {
                events.revoked(invitations.changeStatus(invitation.id(), InvitationStatus.Revoked, null, now));
                LOG.info("Invitation {} revoked: {}", invitation.id(), why);
            }
        }
    }
}
