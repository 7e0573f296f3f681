package io.documind.notification.delivery;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;

/**
 * Wakes this instance's delivery workers when mail they can send was just committed, instead of at their next poll.
 * Every waiting worker wakes (a backlog is drained by all of them at once); a signal that comes between a worker's
 * look for mail and its wait is not missed, as the worker waits for a signal newer than {@link #seen()} taken
 * before it looked.
 */
@Singleton
public class DeliverySignal {

    private final TransactionOperations<Connection> transactions;
    private final Object lock = new Object();
    private long signals;

    public DeliverySignal(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Signals once the current transaction commits (the row is invisible to the workers before that). */
    public void afterCommit() {
        transactions.findTransactionStatus().ifPresentOrElse(
                status -> status.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        signal();
                    }
                }),
                this::signal);
    }

    public void signal() {
        synchronized (lock) {
            signals++;
            lock.notifyAll();
        }
    }

    /** The signals so far: taken before looking for mail, then passed to {@link #await}. */
    long seen() {
        synchronized (lock) {
            return signals;
        }
    }

    /** Waits until a signal newer than {@code seen} comes or the timeout passes. */
    void await(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (signals == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
