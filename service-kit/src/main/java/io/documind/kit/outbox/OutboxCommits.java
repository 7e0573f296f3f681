package io.documind.kit.outbox;

import io.documind.kit.lifecycle.Signal;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Lets a request wait for the next commit that wrote outbox rows to this service's database, from this instance or
 * another, as the relay's listener ({@link OutboxWakeUp}) hears of it. For a request that waits on the effect of
 * an event this service consumes itself (org-service's creator waiting to become Admin): the consumer's
 * transaction appends an event, so its commit is heard here, and the request looks again at once instead of at its
 * next poll. A hint only: the waiter still polls, since a notification can be lost with a connection.
 */
@Singleton
public class OutboxCommits {

    private final Signal commits = new Signal();

    /** How many commits were heard so far: take it before looking, then {@link #awaitNext} after it. */
    public long heard() {
        return commits.seen();
    }

    /** Waits until a commit after {@code seen} is heard, at most {@code timeout}. */
    public void awaitNext(long seen, Duration timeout) throws InterruptedException {
        commits.await(seen, timeout);
    }

    void commitHeard() {
        commits.signal();
    }
}
