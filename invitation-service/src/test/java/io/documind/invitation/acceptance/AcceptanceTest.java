package io.documind.invitation.acceptance;

import io.documind.invitation.lifecycle.InvitationRole;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How long an accept waits for its membership: what is left of the wait counted from the acceptance. */
class AcceptanceTest {

    private static final Instant ACCEPTED = Instant.parse("2026-12-03T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Acceptance acceptance = new Acceptance(new InvitationLanding("inv-1", "org-1", "Acme",
            "ann@example.com", null, List.of("Member"), "Accepted", ACCEPTED.plus(Duration.ofDays(7)), "user-1"),
            "user-1", ACCEPTED, List.of(new InvitationRole("member-id", "Member")));

    @Test
    void theAcceptThatMadeItWaitsAllOfIt() {
        assertEquals(WAIT, acceptance.waitLeft(ACCEPTED, WAIT));
    }

    @Test
    void oneArrivingMeanwhileWaitsWhatIsLeft() {
        assertEquals(Duration.ofMillis(1500), acceptance.waitLeft(ACCEPTED.plusMillis(3500), WAIT));
    }

    @Test
    void onceItHasPassedNoneIsLeft() {
        assertEquals(Duration.ZERO, acceptance.waitLeft(ACCEPTED.plus(WAIT), WAIT));
        assertEquals(Duration.ZERO, acceptance.waitLeft(ACCEPTED.plus(Duration.ofDays(30)), WAIT));
    }

    @Test
    void anAcceptanceStampedByAnInstanceWhoseClockRunsAheadWaitsNoLongerThanTheWait() {
        assertEquals(WAIT, acceptance.waitLeft(ACCEPTED.minusSeconds(3), WAIT));
    }

    @Test
    void aMissingMembershipIsExpectedForTenMinutesAfterTheAcceptance() {
        assertTrue(acceptance.membershipExpected(ACCEPTED.plus(Duration.ofMinutes(9))));
        assertFalse(acceptance.membershipExpected(ACCEPTED.plus(Acceptance.MEMBERSHIP_EXPECTED_FOR)));
    }

    @Test
    void aWaitOfZeroAnswersAtOnce() {
        assertEquals(Duration.ZERO, acceptance.waitLeft(ACCEPTED, Duration.ZERO));
    }
}
