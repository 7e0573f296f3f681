package io.documind.kit.lifecycle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalTest {

    @Test
    void eachSignalIsCounted() {
        Signal signal = new Signal();
        long seen = signal.seen();
        signal.signal();
        assertEquals(seen + 1, signal.seen());
    }

    @Test
    void awaitUntilLooksAgainUntilTheConditionHoldsOrTheWaitRunsOut() throws Exception {
        Signal signal = new Signal();
        AtomicInteger looks = new AtomicInteger();
        assertTrue(signal.awaitUntil(() -> looks.incrementAndGet() == 3, Duration.ofMinutes(1), Duration.ofMillis(1),
                Duration.ofMillis(4)));
        assertEquals(3, looks.get());
        assertFalse(signal.awaitUntil(() -> false, Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(1)));
    }
}
