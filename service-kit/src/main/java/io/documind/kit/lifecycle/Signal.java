package io.documind.kit.lifecycle;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Lets threads wait for "something changed" without missing a change that came while they looked: a waiter takes
 * {@link #seen()} before looking, then {@link #await}s a signal newer than that. Every waiter wakes on a signal.
 * A hint, not a promise: waiters still look again after their timeout, since the change may have happened on
 * another instance, where no signal reaches them.
 *
 * <p>A lock and condition rather than {@code synchronized} and {@code Object.wait}: request threads are virtual,
 * and on JDK 21 to 23 a virtual thread waiting in a monitor pins its carrier, so a few hundred requests waiting at
 * once (accepts waiting out a Kafka outage) could take every carrier thread.
 */
public final class Signal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long signals;

    /** The signals so far: take it before looking, then pass it to {@link #await}. */
    public long seen() {
        lock.lock();
        try {
            return signals;
        } finally {
            lock.unlock();
        }
    }

    public void signal() {
        lock.lock();
        try {
            signals++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Signals once the transaction in hand commits (its rows are invisible to the waiters before that), or at once
     * when there is none. A rollback signals nothing.
     */
    public void signalAfterCommit(TransactionOperations<?> transactions) {
        afterCommit(transactions, this::signal);
    }

    /** Runs {@code action} once the transaction in hand commits, or at once when there is none; not on rollback. */
    public static void afterCommit(TransactionOperations<?> transactions, Runnable action) {
        transactions.findTransactionStatus().ifPresentOrElse(
                status -> status.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        action.run();
                    }
                }),
                action);
    }

    /**
     * Waits until {@code present} says so, at most {@code wait}: it looks, and between looks waits for a signal or for
     * the poll interval, which doubles after each look up to {@code longestPoll} (pass the same duration twice for
     * a fixed interval). The signal count is taken before each look, so a signal given while it looks ends the next
     * wait at once.
     *
     * @return whether {@code present} said so in time
     */
    public boolean awaitUntil(BooleanSupplier present, Duration wait, Duration pollInterval, Duration longestPoll)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        long interval = pollInterval.toNanos();
        long longest = Math.max(interval, longestPoll.toNanos());
        while (true) {
            long seen = seen();
            if (present.getAsBoolean()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            await(seen, Duration.ofNanos(Math.min(interval, left)));
            interval = Math.min(interval * 2, longest);
        }
    }

    /** Waits until a signal newer than {@code seen} comes, at most {@code timeout}. */
    public void await(long seen, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (signals == seen && left > 0) {
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }
}
