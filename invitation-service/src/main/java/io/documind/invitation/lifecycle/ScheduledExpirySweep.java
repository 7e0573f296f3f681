package io.documind.invitation.lifecycle;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the expiry sweep every {@code documind.invitation.sweep-interval}; off with {@code sweep-enabled: false}. */
@Singleton
@Requires(property = "documind.invitation.sweep-enabled", notEquals = "false")
public class ScheduledExpirySweep {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledExpirySweep.class);

    private final ExpirySweep sweep;

    public ScheduledExpirySweep(ExpirySweep sweep) {
        this.sweep = sweep;
    }

    @Scheduled(fixedDelay = "${documind.invitation.sweep-interval:30s}",
            initialDelay = "${documind.invitation.sweep-interval:30s}")
    void run() {
        try {
            int expired = sweep.sweep();
            if (expired > 0) {
                LOG.info("Expired {} invitations", expired);
            }
        } catch (RuntimeException e) {
            // The next run tries again; a failed batch rolled back whole, its events included.
            LOG.warn("Expiry sweep failed: {}", e.toString());
        }
    }
}
