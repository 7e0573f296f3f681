package io.documind.invitation.acceptance;

import io.documind.invitation.directory.Arrivals;
import io.documind.invitation.lifecycle.InvitationSettings;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Read-your-writes after accepting: the membership is org-service's, made when it applies InvitationAccepted, so
 * an invitee told "accepted" could be refused an organization token for a moment (or for as long as Kafka is
 * away). The accept waits, bounded ({@code documind.invitation.accept-wait}), until this service's member view
 * holds the invitee with the invitation's roles: MembershipCreated (or, for someone who was a member already,
 * MemberRolesChanged) is published after org-service committed the membership, so from then on the grant succeeds
 * and carries the new roles' scopes. org-service may instead refuse the grant (its InvitationGrantRefused), which
 * ends the wait too. Must run after the acceptance committed (the event leaves through the outbox).
 */
@Singleton
public class MembershipWait {

    /** What a client is told to wait before accepting again, when the wait ran out. */
    public static final long RETRY_AFTER_SECONDS = 1;

    private final Arrivals arrivals;
    private final RefusedGrantRepository refusals;
    private final InvitationSettings settings;
    private final Clock clock;

    public MembershipWait(Arrivals arrivals, RefusedGrantRepository refusals, InvitationSettings settings, Clock clock) {
        this.arrivals = arrivals;
        this.refusals = refusals;
        this.settings = settings;
        this.clock = clock;
    }

    /** How an accept ends: 200, 422 (refused, or nothing left to join), or 202 to ask again. */
    public enum Outcome { MEMBER, REFUSED, REFUSED_FOR_INVITEE, ORGANIZATION_DELETED, NOT_YET }

    /**
     * How the accept answers, after waiting what is left of the acceptance's wait: MEMBER (200) when the invitee is
     * a member, or when the acceptance is too old for its membership to be still on its way
     * ({@link Acceptance#MEMBERSHIP_EXPECTED_FOR}); REFUSED (422) when org-service refused the grant
     * (InvitationGrantRefused); REFUSED_FOR_INVITEE (422) when it refused the acceptance, the organization having
     * removed the invitee or changed its roles before this service heard of it (InvitationAcceptanceRefused);
     * ORGANIZATION_DELETED (422) when the organization has been deleted and the invitee
     * is not a member there (org-service, deleting it first, made no membership: without this the accept said 202
     * for ten minutes and then 200 with nothing to join); NOT_YET (202) while the membership is still expected, and
     * when a stopping service interrupts the wait.
     */
    public Outcome settle(Acceptance acceptance) {
        UUID invitationId = UUID.fromString(acceptance.landing().id());
        String organizationId = acceptance.landing().organizationId();
        // Asked only while the member is not there (Arrivals looks for the member first, at least once), so an
        // accept whose member is in place costs no extra statement, and one without it has asked by the end.
        AtomicInteger noMember = new AtomicInteger();
        try {
            boolean member = arrivals.awaitMember(organizationId, acceptance.userId(), acceptance.roles(), () -> {
                        noMember.set(refusals.noMemberComing(invitationId, organizationId));
                        return noMember.get() != 0;
                    }, acceptance.waitLeft(clock.instant(), settings.getAcceptWait()),
                    settings.getDirectoryPollInterval()) && noMember.get() == 0;
            if (noMember.get() == RefusedGrantRepository.REFUSED) {
                return Outcome.REFUSED;
            }
            if (noMember.get() == RefusedGrantRepository.REFUSED_FOR_INVITEE) {
                return Outcome.REFUSED_FOR_INVITEE;
            }
            if (noMember.get() == RefusedGrantRepository.ORGANIZATION_DELETED) {
                return Outcome.ORGANIZATION_DELETED;
            }
            return member || !acceptance.membershipExpected(clock.instant()) ? Outcome.MEMBER : Outcome.NOT_YET;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.NOT_YET; // accepted all the same; the client asks again
        }
    }
}
