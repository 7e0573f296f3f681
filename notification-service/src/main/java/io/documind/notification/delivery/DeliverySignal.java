package io.documind.notification.delivery;

import io.documind.kit.lifecycle.Signal;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

/**
 * Wakes this instance's delivery workers when mail they can send was just committed, instead of at their next poll.
 * Every waiting worker wakes (a backlog is drained by all of them at once); a signal that comes between a worker's
 * look for mail and its wait is not missed, as the worker waits for a signal newer than {@link #seen()} taken
 * before it looked.
 */
@Singleton
public class DeliverySignal {

    private final TransactionOperations<Connection> transactions;
    private final TaskScheduler scheduler;
    private final Signal signal = new Signal();

    public DeliverySignal(TransactionOperations<Connection> transactions,
                          @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.transactions = transactions;
        this.scheduler = scheduler;
    }

    /**
     * Signals once {@code delay} has passed, for mail recorded as due that much later (by the database's clock, taken
     * at its transaction's start, so the wake is never early on one machine; the workers' poll covers clocks that
     * disagree). A wake for a transaction that rolled back only makes the workers look once more.
     */
    public void in(Duration delay) {
        try {
            scheduler.schedule(delay, this::signal);
        } catch (RejectedExecutionException stopping) {
            // The scheduler is shut down while the service stops: the mail is recorded, and a poll finds it.
        }
    }

    /** Signals once the current transaction commits (the row is invisible to the workers before that). */
    public void afterCommit() {
        signal.signalAfterCommit(transactions);
    }

    public void signal() {
        signal.signal();
    }

    /** The signals so far: taken before looking for mail, then passed to {@link #await}. */
    long seen() {
        return signal.seen();
    }

    /** Waits until a signal newer than {@code seen} comes or the timeout passes. */
    void await(long seen, Duration timeout) throws InterruptedException {
        signal.await(seen, timeout);
    }
}
