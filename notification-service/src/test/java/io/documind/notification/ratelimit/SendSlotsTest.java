package io.documind.notification.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendSlotsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void underTheLimitMailGoesNow() {
        assertEquals(T0, SendSlots.earliest(T0, List.of(new SendSlots.Limit(3, MINUTE, List.of(T0, T0.minusSeconds(10))))));
    }

    @Test
    void overTheLimitMailWaitsUntilTheOldestSlotLeavesTheWindow() {
        List<Instant> taken = List.of(T0.minusSeconds(50), T0.minusSeconds(20), T0);
        assertEquals(T0.plusSeconds(10), SendSlots.earliest(T0, List.of(new SendSlots.Limit(3, MINUTE, taken))));
    }

    @Test
    void aBurstIsSpreadSoThatNoWindowEverHoldsMoreThanTheLimit() {
        int limit = 5;
        Duration window = Duration.ofHours(1);
        List<Instant> slots = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            slots.add(SendSlots.earliest(T0, List.of(new SendSlots.Limit(limit, window, slots))));
        }
        assertEquals(T0, slots.get(4));
        assertEquals(T0.plus(window), slots.get(5), "deferred, not dropped");
        assertEquals(T0.plus(window.multipliedBy(4)), slots.get(22));
        for (int i = 0; i + limit < slots.size(); i++) {
            assertTrue(Duration.between(slots.get(i), slots.get(i + limit)).compareTo(window) >= 0, "window at " + i);
        }
    }

    @Test
    void bothLimitsHold_theStricterWins() {
        SendSlots.Limit organization = new SendSlots.Limit(20, MINUTE, List.of(T0));
        SendSlots.Limit recipient = new SendSlots.Limit(1, Duration.ofHours(1), List.of(T0.minusSeconds(600)));
        assertEquals(T0.plusSeconds(3000), SendSlots.earliest(T0, List.of(organization, recipient)));
    }

    @Test
    void aSlotFreeBetweenDeferredOnesIsUsed() {
        // One slot taken now and one deferred far ahead leave the time in between free for a limit of 1.
        SendSlots.Limit limit = new SendSlots.Limit(1, MINUTE, List.of(T0.minusSeconds(30), T0.plus(Duration.ofHours(1))));
        assertEquals(T0.plusSeconds(30), SendSlots.earliest(T0, List.of(limit)));
    }
}
