package io.documind.invitation.acceptance;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How long an accept waits for its membership: what is left of the wait counted from the acceptance. */
class AcceptanceTest {

    private static final Instant ACCEPTED = Instant.parse("2026-12-03T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Acceptance acceptance = new Acceptance(new InvitationLanding("inv-1", "org-1", "Acme",
            "ann@example.com", null, List.of("Member"), "Accepted", ACCEPTED.plus(Duration.ofDays(7)), "user-1"),
            "user-1", ACCEPTED);

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
    void aWaitOfZeroAnswersAtOnce() {
        assertEquals(Duration.ZERO, acceptance.waitLeft(ACCEPTED, Duration.ZERO));
    }
}
