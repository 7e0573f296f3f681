package io.documind.kit.outbox;

import io.documind.kit.lifecycle.Signal;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.function.BooleanSupplier;

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

    /**
     * Waits until {@code present} says so, at most {@code wait}, looking again as soon as a commit is heard and at
     * the latest every {@code pollInterval}.
     *
     * @return whether {@code present} said so in time
     */
    public boolean awaitUntil(BooleanSupplier present, Duration wait, Duration pollInterval)
            throws InterruptedException {
        return commits.awaitUntil(present, wait, pollInterval, pollInterval);
    }

    void commitHeard() {
        commits.signal();
    }
}
