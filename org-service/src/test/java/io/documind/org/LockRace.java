package io.documind.org;

import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
        Outcome<H, List<R>> outcome = race(transactions, holder, null, List.of(racer), false);
        return new Outcome<>(outcome.held(), outcome.raced().getFirst());
    }

    /**
     * {@link #run}, and once the racer waits, {@code then} too in the holder's transaction before it commits: a
     * second lock, which deadlocks with a racer that took it before waiting on the first (PostgreSQL then ends one
     * side, and the test sees an exception or the racer's failure). The outcome holds what {@code then} returned.
     */
    static <H, R> Outcome<H, R> runThen(TransactionOperations<Connection> transactions,
                                        Function<Connection, ?> holder, Function<Connection, H> then,
                                        Callable<R> racer) throws Exception {
        Outcome<H, List<R>> outcome = race(transactions, c -> {
            holder.apply(c);
            return null;
        }, then, List.of(racer), false);
        return new Outcome<>(outcome.held(), outcome.raced().getFirst());
    }

    /**
     * {@link #run} with several racers, started one after another: each once those before it wait on a lock. The
     * last may also finish without waiting, which is what a test sees where a lock it is about is missing.
     */
    static <H, R> Outcome<H, List<R>> runInTurn(TransactionOperations<Connection> transactions,
                                                Function<Connection, H> holder, List<Callable<R>> racers)
            throws Exception {
        return race(transactions, holder, null, racers, true);
    }

    private static <H, R> Outcome<H, List<R>> race(TransactionOperations<Connection> transactions,
                                                   Function<Connection, H> holder, Function<Connection, H> then,
                                                   List<Callable<R>> racers, boolean lastMayFinish)
            throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        AtomicReference<String> holderPid = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(racers.size() + 1);
        try {
            Future<H> held = pool.submit(() -> transactions.executeWrite(s -> {
                holderPid.set(Statements.strings(s.getConnection(), "SELECT pg_backend_pid()::text").getFirst());
                H result = holder.apply(s.getConnection());
                holding.countDown();
                try {
                    commit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return then == null ? result : then.apply(s.getConnection());
            }));
            if (!holding.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the holding transaction did not get to hold");
            }
            List<Future<R>> raced = new ArrayList<>();
            for (Callable<R> racer : racers) {
                Future<R> started = pool.submit(racer);
                raced.add(started);
                int waiting = raced.size();
                boolean mayFinish = lastMayFinish && waiting == racers.size();
                await().atMost(Duration.ofSeconds(10)).until(() -> (mayFinish && started.isDone())
                        || statementsWaitingOnTheHolder(transactions, holderPid.get()) >= waiting);
            }
            commit.countDown();
            H h = held.get(10, TimeUnit.SECONDS);
            List<R> results = new ArrayList<>();
            for (Future<R> r : raced) {
                results.add(r.get(10, TimeUnit.SECONDS));
            }
            return new Outcome<>(h, results);
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
    }

    /**
     * Statements waiting on a lock the holder holds, or on one held by a statement already waiting so: not every lock
     * wait in the database, since a background job's short wait elsewhere would start the next racer too early.
     */
    private static int statementsWaitingOnTheHolder(TransactionOperations<Connection> transactions, String holderPid) {
        return transactions.executeRead(s -> Statements.strings(s.getConnection(), """
                WITH RECURSIVE waiting (pid) AS (
                    SELECT CAST(? AS int)
                    UNION
                    SELECT a.pid FROM pg_stat_activity a JOIN waiting w ON w.pid = ANY (pg_blocking_pids(a.pid))
                    WHERE a.wait_event_type = 'Lock')
                SELECT pid FROM waiting""", holderPid).size() - 1);
    }
}
