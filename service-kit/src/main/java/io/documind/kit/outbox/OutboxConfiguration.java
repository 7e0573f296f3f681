package io.documind.kit.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings under {@code documind.outbox}; the defaults suit every service. {@code documind.outbox.prune-interval}
 * (10 minutes) is read by {@link OutboxPruning}'s schedule; the producer's settings are under
 * {@code kafka.producers.outbox} (KitDefaults).
 */
@ConfigurationProperties("documind.outbox")
public class OutboxConfiguration {

    /** Publish at all; off only for tests that inspect unsent rows. */
    private boolean relayEnabled = true;
    /** Rows published per transaction. */
    private int batchSize = 200;
    /** Fallback poll when no NOTIFY arrives (another instance may hold the lock, a notification may be lost). */
    private Duration pollInterval = Duration.ofSeconds(1);
    /**
     * After two passes in a row that each published more than one row (commits keep arriving faster than a pass
     * takes), the relay waits this long before the next one, so the rows committed meanwhile go out as one batch:
     * each pass costs two statements, a commit and a Kafka request whatever its size, and under load passes carried
     * 2-3 rows. A lone event is not delayed (the relay waits for its commit's NOTIFY as before). Zero: never wait.
     */
    private Duration linger = Duration.ofMillis(5);
    /** Longest pause after failures (Kafka or the database away); the pause doubles up to this. */
    private Duration maxBackoff = Duration.ofSeconds(2);
    /** A row whose send fails for a non-retriable reason this many times is parked, not retried forever. */
    private int maxAttempts = 10;
    /** How long sent rows are kept (for audit and replays) before they are pruned. */
    private Duration retention = Duration.ofDays(7);

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

    public Duration getLinger() {
        return linger;
    }

    public void setLinger(Duration linger) {
        this.linger = linger;
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
}
