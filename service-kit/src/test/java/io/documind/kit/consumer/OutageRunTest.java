package io.documind.kit.consumer;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutageRunTest {

    private static final Duration CEILING = Duration.ofMinutes(1);
    private static final long MINUTE = CEILING.toNanos();
    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final Exception DROPPED = new IllegalStateException(
            new SQLNonTransientConnectionException("An I/O error occurred while sending to the backend", "08006"));

    private final AtomicInteger probes = new AtomicInteger();

    private BooleanSupplier database(boolean answers) {
        return () -> {
            probes.incrementAndGet();
            return answers;
        };
    }

    /** A run of attempts every {@code every} nanoseconds from 0 until {@code until}. */
    private static OutageRun attemptsUntil(long until, long every) {
        OutageRun run = OutageRun.first(42, 0);
        for (long t = every; t <= until; t += every) {
            run = run.next(42, t, CEILING);
        }
        return run;
    }

    @Test
    void anOutageShorterThanTheCeilingIsHeldWithoutAProbe() {
        OutageRun run = attemptsUntil(MINUTE - SECOND, 2 * SECOND);
        assertTrue(run.attempts() > 1);
        assertFalse(run.judge(DROPPED, MINUTE - SECOND, CEILING, database(true)).theRecords());
        assertEquals(0, probes.get(), "no probe while the run is shorter than the ceiling");
    }

    @Test
    void pastTheCeilingAFailureIsTheRecordsOnlyWhileTheDatabaseAnswers() {
        OutageRun run = attemptsUntil(MINUTE, 2 * SECOND);
        assertTrue(run.judge(DROPPED, MINUTE, CEILING, database(true)).theRecords(), "the database answers");
        assertFalse(run.judge(DROPPED, MINUTE, CEILING, database(false)).theRecords(), "the database is away");
        assertEquals(2, probes.get());
    }

    @Test
    void aLongOutageThenASlowRecoveryDeadLettersNothing() {
        // Ten minutes away: each probe past the ceiling finds the database away and the count starts again.
        OutageRun run = OutageRun.first(42, 0);
        for (long t = 2 * SECOND; t <= 10 * MINUTE; t += 2 * SECOND) {
            OutageRun.Judgement judged = run.next(42, t, CEILING).judge(DROPPED, t, CEILING, database(false));
            assertFalse(judged.theRecords());
            run = judged.run();
        }
        assertTrue(probes.get() >= 9, probes.get() + " probes in ten minutes");
        // Back: the first failures after the return are weighed against a fresh count, not against ten minutes.
        long back = 10 * MINUTE + 2 * SECOND;
        assertFalse(run.next(42, back, CEILING).judge(DROPPED, back, CEILING, database(true)).theRecords());
    }

    @Test
    void aFullDiskAFullServerOrAnExhaustedPoolIsHeldForAsLongAsItLasts() {
        OutageRun run = attemptsUntil(60 * MINUTE, 2 * SECOND);
        long hourLater = 60 * MINUTE;
        assertFalse(run.judge(new RuntimeException(new SQLException("could not extend file", "53100")),
                hourLater, CEILING, database(true)).theRecords());
        assertFalse(run.judge(new SQLException("too many clients already", "53300"),
                hourLater, CEILING, database(true)).theRecords());
        assertFalse(run.judge(new SQLTransientConnectionException("Connection is not available, request timed out"),
                hourLater, CEILING, database(true)).theRecords());
        assertTrue(run.judge(new SQLException("canceling statement due to statement timeout", "57014"),
                hourLater, CEILING, database(true)).theRecords(), "a statement timeout one event always hits is its own");
    }

    @Test
    void anotherRecordOrTheSameOneBackLaterStartsItsOwnRun() {
        OutageRun run = attemptsUntil(MINUTE, 2 * SECOND);
        OutageRun other = run.next(43, MINUTE + SECOND, CEILING);
        assertEquals(43, other.offset());
        assertEquals(1, other.attempts());
        assertFalse(other.judge(DROPPED, MINUTE + SECOND, CEILING, database(true)).theRecords());
        // The partition was handed away and came back an hour later at the same record.
        OutageRun back = run.next(42, 2 * 60 * MINUTE, CEILING);
        assertEquals(1, back.attempts());
        assertFalse(back.judge(DROPPED, 2 * 60 * MINUTE, CEILING, database(true)).theRecords());
        assertEquals(0, probes.get());
    }
}
