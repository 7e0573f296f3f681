package io.documind.invitation.acceptance;

import java.time.Duration;
import java.time.Instant;

/**
 * An accepted invitation: what the landing shows, who accepted it and when (its status change; an accepted
 * invitation changes no more).
 */
public record Acceptance(InvitationLanding landing, String userId, Instant acceptedAt) {

    /**
     * What is left of the wait for the membership, {@code wait} counted from the acceptance: all of it for the
     * accept that made it, the rest for one arriving meanwhile, none once it has passed (an old acceptance whose
     * member has since left the organization must not make every later accept wait).
     */
    public Duration waitLeft(Instant now, Duration wait) {
        Duration left = Duration.between(now, acceptedAt.plus(wait));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
