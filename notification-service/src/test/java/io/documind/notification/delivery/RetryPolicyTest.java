package io.documind.notification.delivery;

import io.documind.kit.Backoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofDays(5),
            new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5)));
    private final SendFailure transientFailure =
            new SendFailure(SendFailure.Kind.SERVER_UNAVAILABLE, "Connection refused", null);

    @Test
    void transientFailuresBackOffExponentiallyWithJitterUpToTheCap() {
        RetryPolicy.RetryAfter first = assertInstanceOf(RetryPolicy.RetryAfter.class,
                policy.after(1, Duration.ZERO, transientFailure));
        RetryPolicy.RetryAfter second = assertInstanceOf(RetryPolicy.RetryAfter.class,
                policy.after(2, Duration.ofSeconds(10), transientFailure));
        assertBetween(first.delay(), Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertBetween(second.delay(), Duration.ofSeconds(10), Duration.ofSeconds(20));
        RetryPolicy.RetryAfter hundredth = assertInstanceOf(RetryPolicy.RetryAfter.class,
                policy.after(100, Duration.ofHours(8), transientFailure));
        assertBetween(hundredth.delay(), Duration.ofMinutes(2).plusSeconds(30), Duration.ofMinutes(5));
    }

    @Test
    void theRetriesLastAsLongAsTheConfiguredAgeNotACountOfAttempts() {
        RetryPolicy.RetryAfter last = assertInstanceOf(RetryPolicy.RetryAfter.class,
                policy.after(1500, Duration.ofDays(5).minusSeconds(1), transientFailure));
        assertEquals(Duration.ofSeconds(1), last.delay(), "the last attempt falls on the deadline");
        RetryPolicy.GiveUp over = assertInstanceOf(RetryPolicy.GiveUp.class,
                policy.after(1501, Duration.ofDays(5), transientFailure));
        assertEquals("gave up after 1501 attempts in 432000 s; last: Connection refused", over.reason());
    }

    @Test
    void aPermanentFailureIsNeverRetried() {
        RetryPolicy.GiveUp giveUp = assertInstanceOf(RetryPolicy.GiveUp.class, policy.after(1, Duration.ZERO,
                new SendFailure(SendFailure.Kind.PERMANENT, "the SMTP server refused x@example.com", null)));
        assertEquals("the SMTP server refused x@example.com", giveUp.reason());
    }

    private static void assertBetween(Duration actual, Duration min, Duration max) {
        assertTrue(actual.compareTo(min) >= 0 && actual.compareTo(max) <= 0, actual + " not in [" + min + ", " + max + "]");
    }
}
