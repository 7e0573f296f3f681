package io.documind.notification.delivery;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;

/** Wakes this instance's delivery worker when mail it can send was just committed, instead of at its next poll. */
@Singleton
public class DeliverySignal {

    private final TransactionOperations<Connection> transactions;
    private final Object lock = new Object();
    private boolean signalled;

    public DeliverySignal(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Signals once the current transaction commits (the row is invisible to the worker before that). */
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
            signalled = true;
            lock.notifyAll();
        }
    }

    /** Waits until signalled or the timeout passes; consumes the signal. */
    void await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!signalled) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            signalled = false;
        }
    }
}
