package io.documind.kit.lifecycle;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;

import java.time.Duration;

/**
 * Lets threads wait for "something changed" without missing a change that came while they looked: a waiter takes
 * {@link #seen()} before looking, then {@link #await}s a signal newer than that. Every waiter wakes on a signal.
 * A hint, not a promise: waiters still look again after their timeout, since the change may have happened on
 * another instance, where no signal reaches them.
 */
public final class Signal {

    private final Object monitor = new Object();
    private long signals;

    /** The signals so far: take it before looking, then pass it to {@link #await}. */
    public long seen() {
        synchronized (monitor) {
            return signals;
        }
    }

    public void signal() {
        synchronized (monitor) {
            signals++;
            monitor.notifyAll();
        }
    }

    /**
     * Signals once the transaction in hand commits (its rows are invisible to the waiters before that), or at once
     * when there is none. A rollback signals nothing.
     */
    public void signalAfterCommit(TransactionOperations<?> transactions) {
        transactions.findTransactionStatus().ifPresentOrElse(
                status -> status.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        signal();
                    }
                }),
                this::signal);
    }

    /** Waits until a signal newer than {@code seen} comes, at most {@code timeout}. */
    public void await(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            long left;
            while (signals == seen && (left = deadline - System.nanoTime()) > 0) {
                monitor.wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
