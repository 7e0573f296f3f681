package io.documind.kit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void theCeilingDoublesPerAttemptUpToTheCap() {
        assertEquals(Duration.ofMillis(100), backoff.ceiling(1));
        assertEquals(Duration.ofMillis(200), backoff.ceiling(2));
        assertEquals(Duration.ofMillis(1600), backoff.ceiling(5));
        assertEquals(Duration.ofSeconds(2), backoff.ceiling(6));
        assertEquals(Duration.ofSeconds(2), backoff.ceiling(1000), "no overflow on huge attempts");
    }

    @Test
    void theDelayIsJitteredWithinTheUpperHalfOfTheCeiling() {
        for (int i = 0; i < 200; i++) {
            long d = backoff.delay(3).toMillis();
            assertTrue(d >= 200 && d <= 400, "delay " + d);
        }
    }

    @Test
    void nonsenseBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
