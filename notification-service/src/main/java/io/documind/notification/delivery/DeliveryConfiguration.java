package io.documind.notification.delivery;

import io.documind.kit.RetrySettings;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings under {@code documind.notification.delivery}. The retry settings ({@code max-attempts},
 * {@code initial-backoff}, {@code max-backoff}) are for a transiently failing email, before it is marked Failed.
 */
@ConfigurationProperties("documind.notification.delivery")
public class DeliveryConfiguration extends RetrySettings {

    /** Run the delivery worker in this process; off only for tests that drive it by hand. */
    private boolean enabled = true;
    /** How often an idle worker looks for due mail; mail recorded by this instance wakes it at once. */
    private Duration pollInterval = Duration.ofSeconds(1);
    /**
     * How long a claim is exclusive. It must outlast the slowest send by far: a claim that runs out while its
     * instance is still sending would let another instance send the same email.
     */
    private Duration lease = Duration.ofMinutes(10);
    /** Pending mail sealed under a key this instance lacks, overdue by this much, is given up (its sealer is gone). */
    private Duration orphanGrace = Duration.ofMinutes(15);

    public DeliveryConfiguration() {
        super(8, Duration.ofSeconds(10), Duration.ofMinutes(30));
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public Duration getOrphanGrace() {
        return orphanGrace;
    }

    public void setOrphanGrace(Duration orphanGrace) {
        this.orphanGrace = orphanGrace;
    }
}
