package io.documind.invitation.web;

import io.documind.kit.web.ProblemException;
import io.micronaut.http.HttpStatus;

import java.time.Duration;

/** 429 Too Many Requests with a Retry-After (whole seconds, rounded up). */
public class RetryLaterException extends ProblemException {

    private final long retryAfterSeconds;

    public RetryLaterException(String detail, Duration wait) {
        super(HttpStatus.TOO_MANY_REQUESTS, detail);
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        this.retryAfterSeconds = Math.max(1, seconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
