package io.documind.kit.jdbc;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL LISTEN on a pooled connection, for a background worker that wakes on a channel's NOTIFY. A listener
 * holds no transaction open between its statements ({@link #endTransaction}): notifications wait until it is idle.
 */
public final class Listening {

    private static final Logger LOG = LoggerFactory.getLogger(Listening.class);

    private Listening() {
    }

    /** LISTENs on {@code channel} (a fixed identifier of ours, never input) and returns where notifications arrive. */
    public static PGConnection listen(Connection c, String channel) throws SQLException {
        try (Statement listen = c.createStatement()) {
            listen.execute("LISTEN " + channel);
        }
        endTransaction(c);
        return c.unwrap(PGConnection.class);
    }

    /** Commits what the connection did when the pool left autocommit off, so notifications can be delivered. */
    public static void endTransaction(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /**
     * Before the connection goes back to the pool: LISTEN outlives it, and a connection still listening would hand
     * our notifications to whoever borrows it next, piling up in their driver. A connection that cannot even
     * UNLISTEN is broken, and the pool evicts a connection whose statement failed with a connection error.
     */
    public static void unlisten(Connection c) {
        try (Statement unlisten = c.createStatement()) {
            unlisten.execute("UNLISTEN *");
            endTransaction(c);
        } catch (SQLException e) {
            LOG.debug("UNLISTEN failed on a listener: {}: {}", e.getClass().getSimpleName(), e.getMessage());
        }
    }
}
