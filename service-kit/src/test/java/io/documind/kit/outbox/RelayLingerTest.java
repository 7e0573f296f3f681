package io.documind.kit.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the relay waits before its next pass instead of awaiting the next commit's NOTIFY. */
class RelayLingerTest {

    private static final Duration LINGER = Duration.ofMillis(5);

    @Test
    void onlyPassesThatKeepFindingSeveralRowsLinger() {
        assertFalse(OutboxRelay.busy(0, 0, LINGER), "nothing pending: wait for a commit");
        assertFalse(OutboxRelay.busy(5, 1, LINGER), "a lone event: its successor is not delayed");
        assertFalse(OutboxRelay.busy(0, 2, LINGER), "one transaction's two events: what follows is not delayed");
        assertFalse(OutboxRelay.busy(1, 200, LINGER), "a first busy pass");
        assertTrue(OutboxRelay.busy(2, 2, LINGER), "commits keep coming");
        assertTrue(OutboxRelay.busy(200, 3, LINGER));
    }

    @Test
    void aZeroLingerNeverWaits() {
        assertFalse(OutboxRelay.busy(50, 50, Duration.ZERO));
        assertFalse(OutboxRelay.busy(50, 50, Duration.ofMillis(-1)));
    }
}
