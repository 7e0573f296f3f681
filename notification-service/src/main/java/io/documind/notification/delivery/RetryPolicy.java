package io.documind.notification.delivery;

import io.documind.kit.Backoff;

import java.time.Duration;

/**
 * After a failed attempt: try again later (exponential backoff with jitter, capped), or give up for good. A
 * transient failure is retried for as long as a mail server keeps a message queued ({@code retryFor}, days by
 * default), counted from when the email was recorded rather than in attempts: how many attempts fit depends on
 * the backoff, and an outage of a given length should lose nothing whatever the backoff settings.
 */
public final class RetryPolicy {

    public sealed interface Decision {
    }

    public record RetryAfter(Duration delay) implements Decision {
    }

    public record GiveUp(String reason) implements Decision {
    }

    private final Duration retryFor;
    private final Backoff backoff;

    public RetryPolicy(Duration retryFor, Backoff backoff) {
        if (retryFor.isNegative() || retryFor.isZero()) {
            throw new IllegalArgumentException("retryFor must be positive");
        }
        this.retryFor = retryFor;
        this.backoff = backoff;
    }

    /**
     * @param attempts attempts made so far, this one included
     * @param age      how long ago the email was recorded, on the database's clock
     */
    public Decision after(int attempts, Duration age, SendFailure failure) {
        if (failure.isPermanent()) {
            return new GiveUp(failure.getMessage());
        }
        Duration left = retryFor.minus(age);
        if (left.isNegative() || left.isZero()) {
            return new GiveUp("gave up after " + attempts + " attempts in " + age.toSeconds() + " s; last: "
                    + failure.getMessage());
        }
        // The last attempt falls on the deadline rather than a backoff short of it.
        Duration delay = backoff.delay(attempts);
        return new RetryAfter(delay.compareTo(left) <= 0 ? delay : left);
    }
}
