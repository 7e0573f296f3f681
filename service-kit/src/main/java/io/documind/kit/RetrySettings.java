package io.documind.kit;

import java.time.Duration;

/**
 * "Retry with backoff" settings: how many attempts, and the {@link Backoff} between them. A
 * {@code @ConfigurationProperties} class extends it to bind {@code max-attempts}, {@code initial-backoff} and
 * {@code max-backoff} under its own prefix, with its own defaults.
 */
public abstract class RetrySettings {

    private int maxAttempts;
    private Duration initialBackoff;
    private Duration maxBackoff;

    protected RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Attempts before giving up, the first one included. */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** The pause after the first failed attempt; it doubles with each further one. */
    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    /** The longest pause between two attempts. */
    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    /** The pauses these settings describe. */
    public Backoff backoff() {
        return new Backoff(initialBackoff, maxBackoff);
    }
}
