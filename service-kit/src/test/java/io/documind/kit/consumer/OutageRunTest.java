package io.documind.kit.consumer;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutageRunTest {

    private static final Duration CEILING = Duration.ofMinutes(1);
    private static final long MINUTE = CEILING.toNanos();
    private static final Exception DROPPED = new IllegalStateException(
            new SQLNonTransientConnectionException("An I/O error occurred while sending to the backend", "08006"));

    private final AtomicInteger probes = new AtomicInteger();

    private BooleanSupplier database(boolean answers) {
        return () -> {
            probes.incrementAndGet();
            return answers;
        };
    }

    @Test
    void anOutageShorterThanTheCeilingIsHeldWithoutAProbe() {
        OutageRun run = OutageRun.first(42, 0).next(42, MINUTE - 1);
        assertEquals(2, run.attempts());
        assertFalse(run.isTheRecords(DROPPED, MINUTE - 1, CEILING, database(true)));
        assertEquals(0, probes.get(), "no probe while the run is shorter than the ceiling");
    }

    @Test
    void pastTheCeilingAFailureIsTheRecordsOnlyWhileTheDatabaseAnswers() {
        OutageRun run = OutageRun.first(42, 0).next(42, MINUTE);
        assertTrue(run.isTheRecords(DROPPED, MINUTE, CEILING, database(true)), "the database answers: the record's");
        assertFalse(run.isTheRecords(DROPPED, MINUTE, CEILING, database(false)), "the database is away: held on");
        assertEquals(2, probes.get());
    }

    @Test
    void aFullDiskOrAFullServerIsHeldForAsLongAsItLasts() {
        OutageRun run = OutageRun.first(42, 0);
        long hourLater = 60 * MINUTE;
        assertFalse(run.isTheRecords(new RuntimeException(new SQLException("could not extend file", "53100")),
                hourLater, CEILING, database(true)));
        assertFalse(run.isTheRecords(new SQLException("too many clients already", "53300"),
                hourLater, CEILING, database(true)));
        assertTrue(run.isTheRecords(new SQLException("canceling statement due to statement timeout", "57014"),
                hourLater, CEILING, database(true)), "a statement timeout one event always hits is its own");
    }

    @Test
    void anotherRecordStartsItsOwnRun() {
        // The partition moved away and back, or the record before was dead-lettered: the next record's clock
        // starts at its own first outage, not at the earlier record's.
        OutageRun run = OutageRun.first(42, 0).next(42, MINUTE).next(43, 2 * MINUTE);
        assertEquals(43, run.offset());
        assertEquals(1, run.attempts());
        assertFalse(run.isTheRecords(DROPPED, 2 * MINUTE, CEILING, database(true)));
    }
}
