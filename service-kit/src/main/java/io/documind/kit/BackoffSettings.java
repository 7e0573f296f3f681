package io.documind.kit;

import java.time.Duration;

/**
 * "Back off between attempts" settings: the {@link Backoff} a {@code @ConfigurationProperties} class binds as
 * {@code initial-backoff} and {@code max-backoff} under its own prefix, with its own defaults. How long to keep
 * trying is the subclass's to say ({@link RetrySettings}: a number of attempts).
 */
public abstract class BackoffSettings {

    private Duration initialBackoff;
    private Duration maxBackoff;

    protected BackoffSettings(Duration initialBackoff, Duration maxBackoff) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
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
