package io.documind.org;

import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.awaitility.Awaitility.await;

/**
 * Two transactions interleaved on purpose, for the races no request sequence can time: the first does its work and
 * stays open (holding its row locks); the second starts and runs until one of its statements waits on a lock; then
 * the first commits and the second finishes.
 */
final class LockRace {

    /** What each side returned. */
    record Outcome<H, R>(H held, R raced) {
    }

    private LockRace() {
    }

    static <H, R> Outcome<H, R> run(TransactionOperations<Connection> transactions, Function<Connection, H> holder,
                                    Callable<R> racer) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<H> held = pool.submit(() -> transactions.executeWrite(s -> {
                H result = holder.apply(s.getConnection());
                holding.countDown();
                try {
                    commit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return result;
            }));
            if (!holding.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the holding transaction did not get to hold");
            }
            Future<R> raced = pool.submit(racer);
            await().atMost(Duration.ofSeconds(10)).until(() -> aStatementWaitsOnALock(transactions));
            commit.countDown();
            H h = held.get(10, TimeUnit.SECONDS);
            return new Outcome<>(h, raced.get(10, TimeUnit.SECONDS));
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
    }

    private static boolean aStatementWaitsOnALock(TransactionOperations<Connection> transactions) {
        return transactions.executeRead(s -> !Statements.strings(s.getConnection(), """
                SELECT pid FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'""").isEmpty());
    }
}
