package io.documind.invitation.lifecycle;

import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs the expiry sweep every {@code documind.invitation.sweep-interval}; off with {@code sweep-enabled: false}.
 * Every instance runs it (row locks split the work). On a stop, the scheduler starts no new run and waits for the
 * one running, which ends after its batch in hand.
 */
@Singleton
@Requires(property = "documind.invitation.sweep-enabled", notEquals = "false")
public class ScheduledExpirySweep implements GracefulShutdownCapable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledExpirySweep.class);
    /** The one place the interval's default is set: the scheduler is all that reads it. */
    private static final String INTERVAL = "${documind.invitation.sweep-interval:30s}";

    private final ExpirySweep sweep;
    private volatile boolean stopping;

    public ScheduledExpirySweep(ExpirySweep sweep) {
        this.sweep = sweep;
    }

    @Scheduled(fixedDelay = INTERVAL, initialDelay = INTERVAL)
    void run() {
        try {
            if (stopping) {
                return;
            }
            int expired = sweep.sweep(() -> !stopping);
            if (expired > 0) {
                LOG.info("Expired {} invitations", expired);
            }
        } catch (RuntimeException e) {
            // The next run tries again; a failed batch rolled back whole, its events included.
            LOG.warn("Expiry sweep failed: {}", e.toString());
        }
    }

    @Override
    public CompletionStage<?> shutdownGracefully() {
        stopping = true;
        return CompletableFuture.completedFuture(null);
    }
}
