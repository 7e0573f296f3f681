package io.documind.kit;

import java.time.Duration;

/**
 * "Retry with backoff" settings: how many attempts, and the {@link Backoff} between them. A
 * {@code @ConfigurationProperties} class extends it to bind {@code max-attempts}, {@code initial-backoff} and
 * {@code max-backoff} under its own prefix, with its own defaults.
 */
public abstract class RetrySettings extends BackoffSettings {

    private int maxAttempts;

    protected RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        super(initialBackoff, maxBackoff);
        this.maxAttempts = maxAttempts;
    }

    /** Attempts before giving up, the first one included. */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }
}
