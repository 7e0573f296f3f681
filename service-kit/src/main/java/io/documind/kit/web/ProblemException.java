package io.documind.kit.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

import java.time.Duration;

/** Thrown by services to answer with a problem document: 404, 409, 422 and friends. */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String field;
    private final Long retryAfterSeconds;

    public ProblemException(HttpStatus status, String detail) {
        this(status, detail, null);
    }

    public ProblemException(HttpStatus status, String detail, String field) {
        this(status, detail, field, null);
    }

    private ProblemException(HttpStatus status, String detail, String field, Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    /** What the {@code Retry-After} header says, in whole seconds; null when the answer carries none. */
    @Nullable
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, what + " not found");
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, detail, field);
    }

    /** 429 with {@code Retry-After}: {@code wait} rounded up to whole seconds, at least one. */
    public static ProblemException tooManyRequests(String detail, Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, detail, null, Math.max(1, seconds));
    }
}
