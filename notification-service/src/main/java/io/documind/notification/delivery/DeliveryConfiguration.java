package io.documind.notification.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** Settings under {@code documind.notification.delivery}. */
@ConfigurationProperties("documind.notification.delivery")
public class DeliveryConfiguration {

    /** Run the delivery worker in this process; off only for tests that drive it by hand. */
    private boolean enabled = true;
    /** How often an idle worker looks for due mail; mail recorded by this instance wakes it at once. */
    private Duration pollInterval = Duration.ofSeconds(1);
    /**
     * How long a claim is exclusive. It must outlast the slowest send by far: a claim that runs out while its
     * instance is still sending would let another instance send the same email.
     */
    private Duration lease = Duration.ofMinutes(10);
    /** Attempts at a transiently failing email before it is marked Failed. */
    private int maxAttempts = 8;
    private Duration initialBackoff = Duration.ofSeconds(10);
    private Duration maxBackoff = Duration.ofMinutes(30);
    /** Pending mail sealed under a key this instance lacks, overdue by this much, is given up (its sealer is gone). */
    private Duration orphanGrace = Duration.ofMinutes(15);

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

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public Duration getOrphanGrace() {
        return orphanGrace;
    }

    public void setOrphanGrace(Duration orphanGrace) {
        this.orphanGrace = orphanGrace;
    }
}
