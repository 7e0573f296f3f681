package io.documind.invitation.acceptance;

import io.documind.invitation.lifecycle.InvitationRole;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An accepted invitation: what the landing shows, who accepted it and when (its status change; an accepted
 * invitation changes no more), and its roles with their template ids, by which org-service grants them.
 */
public record Acceptance(InvitationLanding landing, String userId, Instant acceptedAt, List<InvitationRole> roles) {

    /**
     * How long after an acceptance its membership is still taken to be on its way. Later, an accept without the
     * member answers 200 as the invitation stands: the member may have left since, and a 202 would have a client
     * following Retry-After ask for ever. (A membership org-service refused is answered 422: MembershipWait.)
     */
    public static final Duration MEMBERSHIP_EXPECTED_FOR = Duration.ofMinutes(10);

    /**
     * What is left of the wait for the membership, {@code wait} counted from the acceptance: all of it for the
     * accept that made it, the rest for one arriving meanwhile, none once it has passed (an old acceptance whose
     * member has since left the organization must not make every later accept wait). Never more than {@code wait},
     * even when the acceptance was stamped by another instance whose clock runs ahead.
     */
    public Duration waitLeft(Instant now, Duration wait) {
        Duration left = Duration.between(now, acceptedAt.plus(wait));
        return left.isNegative() ? Duration.ZERO : left.compareTo(wait) > 0 ? wait : left;
    }

    /** Whether a missing membership still means "not yet" rather than "no longer" ({@link #MEMBERSHIP_EXPECTED_FOR}). */
    public boolean membershipExpected(Instant now) {
        return now.isBefore(acceptedAt.plus(MEMBERSHIP_EXPECTED_FOR));
    }
}
