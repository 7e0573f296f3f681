package io.documind.kit.consumer;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.exceptions.NoConnectionException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells an outage (the database away, a serialization conflict) from a failure of the event itself.
 * An outage is retried until it ends: dead-lettering every event during a database restart would lose them. (A
 * consumer's record that keeps "meeting an outage" while the database answers is another matter: {@link OutageRun}.)
 */
public final class Failures {

    /**
     * SQLSTATEs of a server that is there but will not serve now: shutting down (57P01-57P03, "cannot connect now"
     * while starting), too many connections (53300), and read-only (25006: a write reaching a standby, or a primary
     * demoted or set read-only while a failover moves the database elsewhere). Class 08 (connection exceptions) is
     * matched as a class.
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "25006");

    /**
     * A full disk (53100), a server out of connection slots (53300), a server taking no writes (25006): the whole
     * database's, never one event's.
     */
    private static final Set<String> DATABASE_WIDE_STATES = Set.of("53100", "53300", "25006");

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        if (isDatabaseAway(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 40 serialization/deadlock, 53 resources, 57 operator intervention (shutdown)
                if (state.startsWith("40") || state.startsWith("53") || state.startsWith("57")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The database could not be reached, would not serve, or dropped the connection: nothing the work did, worth
     * retrying (and a 503 to a caller, see the web package's DatabaseFailures).
     *
     * <p>micronaut-data's {@link ConnectionException} counts whatever its cause: when a statement fails because the
     * server went away, Hikari closes the broken connection, and micronaut-data's clean-up then fails on the closed
     * connection ("Could not set JDBC Connection ... read-only: Connection is closed", a plain SQLException with no
     * SQLSTATE) and throws that in place of the statement's 08006. Seen in {@code ./dev chaos}' PostgreSQL restart:
     * the delivery worker took it for a lasting failure, stopped trying to record an email it had sent, and the
     * email went out again once its claim ran out.
     */
    public static boolean isDatabaseAway(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NoConnectionException) {
                return false; // no connection bound where code expected one: a bug, not the database away
            }
            if (t instanceof ConnectionException || isNoConnectionInTime(t)
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A failure that no single event can cause, so an outage hold of it has no ceiling ({@link OutageRun}): the disk
     * is full, the server has no connection slot left or takes no writes, or this instance's pool gave no connection
     * in time (a restart's reconnect rush, or every connection busy).
     */
    public static boolean isDatabaseWide(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isNoConnectionInTime(t) || t instanceof SQLException sql && sql.getSQLState() != null
                    && DATABASE_WIDE_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The pool gave no connection in time (Hikari's timeout, or micronaut's wrapping of a failed acquisition). */
    private static boolean isNoConnectionInTime(Throwable t) {
        return t instanceof SQLTransientConnectionException
                || t instanceof io.micronaut.transaction.jdbc.exceptions.CannotGetJdbcConnectionException
                || t instanceof io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
    }
}
