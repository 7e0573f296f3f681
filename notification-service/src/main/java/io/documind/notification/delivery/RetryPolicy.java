package io.documind.notification.delivery;

import io.documind.kit.Backoff;

import java.time.Duration;

/** After a failed attempt: try again later (exponential backoff with jitter), or give up for good. */
public final class RetryPolicy {

    public sealed interface Decision {
    }

    public record RetryAfter(Duration delay) implements Decision {
    }

    public record GiveUp(String reason) implements Decision {
    }

    private final int maxAttempts;
    private final Backoff backoff;

    public RetryPolicy(int maxAttempts, Backoff backoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    /** @param attempts attempts made so far, this one included */
    public Decision after(int attempts, SendFailure failure) {
        if (failure.isPermanent()) {
            return new GiveUp(failure.getMessage());
        }
        if (attempts >= maxAttempts) {
            return new GiveUp("gave up after " + attempts + " attempts; last: " + failure.getMessage());
        }
        return new RetryAfter(backoff.delay(attempts));
    }
}
