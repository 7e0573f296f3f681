package io.documind.org.identity;

/** Every password-hashing thread is busy and the queue is full: answered 503 with Retry-After. */
public class PasswordHashingBusyException extends RuntimeException {

    /** Seconds to wait: a full queue drains in well under a second on two cores. */
    public static final long RETRY_AFTER_SECONDS = 1;

    public PasswordHashingBusyException() {
        super("Too many sign-ins or password changes at once; retry shortly", null, false, false);
    }
}
