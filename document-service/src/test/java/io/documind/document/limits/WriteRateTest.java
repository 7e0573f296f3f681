package io.documind.document.limits;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WriteRateTest {

    private final WriteRate rate = new WriteRate(10, Duration.ofMinutes(1));
    private final Instant windowStart = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void windowsAreAlignedToTheEpoch() {
        assertEquals(windowStart, rate.windowStart(windowStart.plusSeconds(59)));
        assertEquals(windowStart.plusSeconds(60), rate.windowStart(windowStart.plusSeconds(60)));
    }

    @Test
    void aCreationWithinTheLimitWaitsForNothing() {
        assertEquals(Duration.ZERO, rate.waitFor(10, 0, windowStart.plusSeconds(1)));
        // Half the previous window still overlaps: 10 * 0.5 + 5 = 10.
        assertEquals(Duration.ZERO, rate.waitFor(5, 10, windowStart.plusSeconds(30)));
    }

    @Test
    void overTheLimitItWaitsUntilEnoughOfThePreviousWindowSlidOut() {
        // 10 * (1 - 15/60) + 4 = 11.5 > 10; fits at 10 * (1 - t/60) + 4 <= 10, t >= 24 s: 9 s from now.
        assertEquals(Duration.ofSeconds(24 - 15), rate.waitFor(4, 10, windowStart.plusSeconds(15)));
    }

    @Test
    void aWriteOfManyCharactersWaitsUntilItsOwnSizeFits() {
        WriteRate characters = new WriteRate(1_000, Duration.ofMinutes(1));
        Instant at15 = windowStart.plusSeconds(15);
        assertEquals(Duration.ZERO, characters.waitFor(1_000, 0, at15, 300));
        // This window: 400 * (1 - t/60) + 900 <= 1000 from t = 45 s on.
        assertEquals(Duration.ofSeconds(45 - 15), characters.waitFor(900, 400, at15, 300));
        assertEquals(Duration.ZERO, characters.waitFor(900, 400, windowStart.plusSeconds(45), 300));
        // Over the limit in this window: the 800 before it slide out of the next until 800 * (1 - t/60) + 300 <= 1000,
        // t = 7.5 s (counting each 300 as one write would say the next window's start).
        assertEquals(Duration.ofMillis(45_000 + 7_500), characters.waitFor(1_100, 0, at15, 300));
        // The larger the write, the longer until it fits: 600 * (1 - t/60) + 500 <= 1000 at t = 10 s.
        assertEquals(Duration.ofSeconds(45 + 10), characters.waitFor(1_100, 0, at15, 500));
        assertThrows(IllegalArgumentException.class, () -> characters.waitFor(1_001, 0, at15, 1_001),
                "a write larger than the limit never fits: the limit must be at least the largest write");
    }

    @Test
    void aFullWindowWaitsIntoTheNextOneUntilItsCreationsSlideOut() {
        // 11 created (the refused one included): next window from 45 s on, 10 * (1 - t/60) + 1 <= 10 at t = 6 s.
        assertEquals(Duration.ofSeconds(45 + 6), rate.waitFor(11, 0, windowStart.plusSeconds(15)));
    }

    @Test
    void theLongestWaitIsMoreThanOneWindowRightAfterItsStart() {
        // Filled at once as the window opened: the rest of it (60 s) plus 6 s of the next one. A Retry-After
        // bounded by one window would be wrong for the first 6 s of every window.
        assertEquals(Duration.ofSeconds(66), rate.waitFor(11, 0, windowStart));
    }

    @Test
    void noEdgeBurst() {
        // Just after the edge the previous window still counts almost fully.
        assertEquals(true, rate.waitFor(1, 10, windowStart.plusMillis(100)).compareTo(Duration.ZERO) > 0);
    }
}
