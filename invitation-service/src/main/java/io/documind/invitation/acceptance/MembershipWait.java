package io.documind.invitation.acceptance;

import io.documind.invitation.directory.Arrivals;
import io.documind.invitation.lifecycle.InvitationSettings;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Read-your-writes after accepting: the membership is org-service's, made when it applies InvitationAccepted, so
 * an invitee told "accepted" could be refused an organization token for a moment (or for as long as Kafka is
 * away). The accept waits, bounded ({@code documind.invitation.accept-wait}), until this service's member view
 * holds the invitee with the invitation's roles: MembershipCreated (or, for someone who was a member already,
 * MemberRolesChanged) is published after org-service committed the membership, so from then on the grant succeeds
 * and carries the new roles' scopes. Must run after the acceptance committed (the event leaves through the outbox).
 */
@Singleton
public class MembershipWait {

    /** What a client is told to wait before accepting again, when the wait ran out. */
    public static final long RETRY_AFTER_SECONDS = 1;

    private final Arrivals arrivals;
    private final InvitationSettings settings;
    private final Clock clock;

    public MembershipWait(Arrivals arrivals, InvitationSettings settings, Clock clock) {
        this.arrivals = arrivals;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Whether the accept answers 200, after waiting what is left of the acceptance's wait: the invitee is a member,
     * or the acceptance is too old for its membership to be still on its way
     * ({@link Acceptance#MEMBERSHIP_EXPECTED_FOR}). False (202) while it is still expected, and when a stopping
     * service interrupts the wait.
     */
    public boolean settled(Acceptance acceptance) {
        try {
            return arrivals.awaitMember(acceptance.landing().organizationId(), acceptance.userId(),
                    acceptance.roles(), acceptance.waitLeft(clock.instant(), settings.getAcceptWait()),
                    settings.getDirectoryPollInterval())
                    || !acceptance.membershipExpected(clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false; // accepted all the same; the client asks again
        }
    }
}
