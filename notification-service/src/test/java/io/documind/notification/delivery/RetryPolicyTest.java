package io.documind.notification.delivery;

import io.documind.kit.Backoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3, new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5)));
    private final SendFailure transientFailure = new SendFailure(false, "Connection refused", null);

    @Test
    void transientFailuresBackOffExponentiallyWithJitterUpToTheLimit() {
        RetryPolicy.RetryAfter first = assertInstanceOf(RetryPolicy.RetryAfter.class, policy.after(1, transientFailure));
        RetryPolicy.RetryAfter second = assertInstanceOf(RetryPolicy.RetryAfter.class, policy.after(2, transientFailure));
        assertBetween(first.delay(), Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertBetween(second.delay(), Duration.ofSeconds(10), Duration.ofSeconds(20));
        RetryPolicy.GiveUp last = assertInstanceOf(RetryPolicy.GiveUp.class, policy.after(3, transientFailure));
        assertEquals("gave up after 3 attempts; last: Connection refused", last.reason());
    }

    @Test
    void aPermanentFailureIsNeverRetried() {
        RetryPolicy.GiveUp giveUp = assertInstanceOf(RetryPolicy.GiveUp.class,
                policy.after(1, new SendFailure(true, "the SMTP server refused x@example.com", null)));
        assertEquals("the SMTP server refused x@example.com", giveUp.reason());
    }

    private static void assertBetween(Duration actual, Duration min, Duration max) {
        assertTrue(actual.compareTo(min) >= 0 && actual.compareTo(max) <= 0, actual + " not in [" + min + ", " + max + "]");
    }
}
