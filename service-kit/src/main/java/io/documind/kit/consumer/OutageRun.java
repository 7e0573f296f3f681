package io.documind.kit.consumer;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * One record's run of outage holds, and the point where it stops counting as an outage. A failure that still looks
 * like the database away after {@code ceiling}, while the database answers a probe, belongs to the record: a driver
 * that drops its connection on one oversized statement, a statement timeout that one event always hits, a
 * serialization conflict that never resolves. Held for ever it would stop its partition (DESIGN §6: poison never
 * does); counted as the record's failure it gets the bounded retries and then the dead-letter topic.
 *
 * <p>A full disk or a server out of connection slots ({@link Failures#isDatabaseWide}) is the whole database's,
 * whatever a probe says, and is held for as long as it lasts.
 *
 * @param offset     the held record's offset; a run of another record starts afresh
 * @param attempts   outage holds so far, for the backoff
 * @param sinceNanos when the first hold of this record began ({@link System#nanoTime})
 */
record OutageRun(long offset, int attempts, long sinceNanos) {

    static OutageRun first(long offset, long nowNanos) {
        return new OutageRun(offset, 1, nowNanos);
    }

    /** The run after another outage of the record at {@code offset}: one more attempt, or a new run for another. */
    OutageRun next(long offset, long nowNanos) {
        return offset == this.offset ? new OutageRun(offset, attempts + 1, sinceNanos) : first(offset, nowNanos);
    }

    /**
     * Whether {@code failure}, an outage by {@link Failures#isTransient}, is the record's own: the run has outlasted
     * {@code ceiling}, the failure is not a database-wide one, and the database answers ({@code databaseAnswers} is
     * asked only then, so an outage shorter than the ceiling costs no probe).
     */
    boolean isTheRecords(Throwable failure, long nowNanos, Duration ceiling, BooleanSupplier databaseAnswers) {
        return nowNanos - sinceNanos >= ceiling.toNanos()
                && !Failures.isDatabaseWide(failure)
                && databaseAnswers.getAsBoolean();
    }
}
