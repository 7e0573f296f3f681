package io.documind.notification.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Renews one claim at a fixed interval from a virtual thread while its email is in hand (the send, then
 * recording the outcome), so the lease need not outlast the slowest send: a live sender keeps its claim however
 * long SMTP takes, and a dead one loses it a lease after its last renewal.
 */
final class ClaimHeartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimHeartbeat.class);

    private final CountDownLatch stopped = new CountDownLatch(1);

    /** @param renew renews the claim; false when it is no longer ours (nothing left to keep alive) */
    ClaimHeartbeat(Claim claim, Duration interval, BooleanSupplier renew) {
        Thread.ofVirtual().name("claim-heartbeat-" + claim.id()).start(() -> {
            try {
                while (!stopped.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                    try {
                        if (!renew.getAsBoolean()) {
                            return;
                        }
                    } catch (RuntimeException e) {
                        // The database is away: so is every other instance's claim; the next beat tries again.
                        LOG.warn("Could not renew the claim on email {} ({}); trying again", claim.id(), e.toString());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Stops renewing. A renewal still running changes nothing once the outcome is recorded (it matches only a
     * pending row with this claim's token), so there is nothing to wait for.
     */
    @Override
    public void close() {
        stopped.countDown();
    }
}
