package io.documind.kit.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** Settings under {@code documind.outbox}; the defaults suit every service. */
@ConfigurationProperties("documind.outbox")
public class OutboxConfiguration {

    /** Publish at all; off only for tests that inspect unsent rows. */
    private boolean relayEnabled = true;
    /** Rows published per transaction. */
    private int batchSize = 200;
    /** Fallback poll when no NOTIFY arrives (another instance may hold the lock, a notification may be lost). */
    private Duration pollInterval = Duration.ofSeconds(1);
    /** Longest pause after failures (Kafka or the database away); the pause doubles up to this. */
    private Duration maxBackoff = Duration.ofSeconds(10);
    /** A row whose send fails for a non-retriable reason this many times is parked, not retried forever. */
    private int maxAttempts = 10;
    /** How long sent rows are kept (for audit and replays) before they are pruned. */
    private Duration retention = Duration.ofDays(7);
    private Duration pruneInterval = Duration.ofMinutes(10);

    public boolean isRelayEnabled() {
        return relayEnabled;
    }

    public void setRelayEnabled(boolean relayEnabled) {
        this.relayEnabled = relayEnabled;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    public Duration getPruneInterval() {
        return pruneInterval;
    }

    public void setPruneInterval(Duration pruneInterval) {
        this.pruneInterval = pruneInterval;
    }
}
