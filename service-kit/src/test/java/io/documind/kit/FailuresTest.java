package io.documind.kit;

import io.documind.kit.consumer.Failures;
import io.micronaut.data.connection.exceptions.ConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailuresTest {

    @Test
    void databaseOutagesAreTransientWhereverTheyAreWrapped() {
        assertTrue(Failures.isTransient(new IllegalStateException(new SQLTransientConnectionException("pool timeout"))));
        assertTrue(Failures.isTransient(new RuntimeException(new SQLException("gone", "08006"))));
        assertTrue(Failures.isTransient(new SQLException("deadlock", "40P01")));
        assertTrue(Failures.isTransient(new SQLException("shutting down", "57P01")));
    }

    @Test
    void aConnectionClosedUnderATransactionIsTheDatabaseAwayThoughItsExceptionHasNoState() {
        // What micronaut-data throws after a statement failed because PostgreSQL restarted: Hikari closed the broken
        // connection, and restoring it for the pool then fails with a stateless SQLException, in place of the 08006.
        Exception masked = new ConnectionException("Could not set JDBC Connection [HikariProxyConnection@1 wrapping "
                + "com.zaxxer.hikari.pool.ProxyConnection.ClosedConnection] read-only: Connection is closed",
                new SQLException("Connection is closed"));
        assertTrue(Failures.isTransient(masked));
        assertTrue(Failures.isTransient(new RuntimeException("recording the outcome", masked)));
        assertTrue(Failures.isTransient(new io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException(
                "no connection", new SQLException("refused", "08001"))));
        assertTrue(Failures.isDatabaseAway(masked));
        assertFalse(Failures.isTransient(new io.micronaut.data.connection.exceptions.NoConnectionException(
                "No existing connection found for definition")), "a connection missing where code expected one is a bug");
    }

    @Test
    void aFullDiskAFullServerAndAnExhaustedPoolAreDatabaseWide() {
        assertTrue(Failures.isDatabaseWide(new RuntimeException(new SQLException("could not extend file", "53100"))));
        assertTrue(Failures.isDatabaseWide(new SQLException("sorry, too many clients already", "53300")));
        assertTrue(Failures.isDatabaseWide(new SQLTransientConnectionException("pool timeout")), "Hikari's");
        assertTrue(Failures.isDatabaseWide(new io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException(
                "no connection", new SQLException("refused", "08001"))));
        assertFalse(Failures.isDatabaseWide(new SQLException("out of memory", "53200")), "one huge statement can");
        assertFalse(Failures.isDatabaseWide(new SQLException("current transaction is aborted", "25P02")), "code can");
        assertFalse(Failures.isDatabaseWide(new SQLException("gone", "08006")), "a driver can, for one statement");
    }

    @Test
    void aServerThatTakesNoWritesDuringAFailoverIsAnOutageOfTheWholeDatabase() {
        // What a write gets from a standby, or from the old primary once demoted, until the pool reaches the new one.
        SQLException readOnly = new SQLException("cannot execute INSERT in a read-only transaction", "25006");
        assertTrue(Failures.isTransient(new RuntimeException(readOnly)));
        assertTrue(Failures.isDatabaseAway(readOnly), "a 503 to a caller, not a 500");
        assertTrue(Failures.isDatabaseWide(readOnly), "held for as long as it lasts, never dead-lettered");
    }

    @Test
    void failuresOfTheEventItselfAreNot() {
        assertFalse(Failures.isTransient(new IllegalArgumentException("bad data")));
        assertFalse(Failures.isTransient(new SQLException("unique violation", "23505")));
        assertFalse(Failures.isTransient(new RuntimeException(new SQLException("no state"))));
    }
}
