package io.documind.kit.consumer;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * One record's run of outage holds, and the point where it stops counting as an outage. A failure that still looks
 * like the database away after {@code ceiling} of the database answering belongs to the record: a driver that drops
 * its connection on one oversized statement, a statement timeout that one event always hits, a serialization
 * conflict that never resolves. Held for ever it would stop its partition (DESIGN §6: poison never does); counted as
 * the record's failure it gets the bounded retries and then the dead-letter topic.
 *
 * <p>The ceiling counts only time in which the database answered: past it, a probe that finds the database away
 * starts the count again, so an outage of any length followed by a slow recovery dead-letters nothing. A failure
 * that is the whole database's or this instance's pool's ({@link Failures#isDatabaseWide}) is never the record's.
 *
 * @param offset     the held record's offset; a run of another record starts afresh
 * @param attempts   outage holds so far, for the backoff
 * @param sinceNanos when the count towards the ceiling began ({@link System#nanoTime})
 * @param lastNanos  the latest attempt
 */
record OutageRun(long offset, int attempts, long sinceNanos, long lastNanos) {

    /** What one more outage of the record means: {@code theRecords}, or hold on, keeping {@code run}. */
    record Judgement(boolean theRecords, OutageRun run) {
    }

    static OutageRun first(long offset, long nowNanos) {
        return new OutageRun(offset, 1, nowNanos, nowNanos);
    }

    /**
     * The run after another outage of the record at {@code offset}: one more attempt of this run, or a new run for
     * another record, or for this one back after longer than {@code ceiling} without an attempt (its partition was
     * handed away and back: the time between was not this run's).
     */
    OutageRun next(long offset, long nowNanos, Duration ceiling) {
        return offset == this.offset && nowNanos - lastNanos < ceiling.toNanos()
                ? new OutageRun(offset, attempts + 1, sinceNanos, nowNanos)
                : first(offset, nowNanos);
    }

    /**
     * Weighs {@code failure}, an outage by {@link Failures#isTransient} met by this run's latest attempt: the
     * record's own once the run has outlasted {@code ceiling}, the failure is not database-wide and the database
     * answers ({@code databaseAnswers} is asked only then, so an outage shorter than the ceiling costs no probe). A
     * database found away restarts the count.
     */
    Judgement judge(Throwable failure, long nowNanos, Duration ceiling, BooleanSupplier databaseAnswers) {
        if (nowNanos - sinceNanos < ceiling.toNanos() || Failures.isDatabaseWide(failure)) {
            return new Judgement(false, this);
        }
        if (databaseAnswers.getAsBoolean()) {
            return new Judgement(true, this);
        }
        return new Judgement(false, new OutageRun(offset, attempts, nowNanos, nowNanos));
    }
}
