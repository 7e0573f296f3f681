package io.documind.kit.outbox;

import io.documind.kit.jdbc.Listening;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Wakes the relay when a transaction that wrote outbox rows commits: the {@code outbox_event} trigger NOTIFYs,
 * and this holds a pooled connection that LISTENs. Used by the relay's one thread only. A connection that failed
 * is released (handed back, not listening) and the next {@link #listen()} takes a fresh one.
 */
@Singleton
public class OutboxWakeUp {

    static final String CHANNEL = "outbox_event";

    private final DataSource pool;
    private final OutboxCommits commits;
    private Connection connection;
    private PGConnection notifications;

    @Inject
    public OutboxWakeUp(DataSource dataSource, OutboxCommits commits) {
        // The raw pool, not the transaction-aware proxy: this connection is held outside any transaction.
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
        this.commits = commits;
    }

    public OutboxWakeUp(DataSource dataSource) {
        this(dataSource, new OutboxCommits());
    }

    /** Listens, if not already; call before publishing, so a commit made meanwhile still wakes the next wait. */
    public void listen() throws SQLException {
        if (connection != null) {
            return;
        }
        Connection c = pool.getConnection();
        try {
            notifications = Listening.listen(c, CHANNEL);
            connection = c;
        } catch (SQLException | RuntimeException e) {
            Listening.unlisten(c);
            c.close();
            throw e;
        }
    }

    /**
     * Waits for a NOTIFY, at most {@code timeout}: the timeout is the fallback poll (another instance held the lock
     * and has since stopped, or a notification was lost with a connection).
     */
    public void await(Duration timeout) throws SQLException {
        listen();
        try {
            heard(notifications.getNotifications((int) Math.max(1, timeout.toMillis())));
        } catch (SQLException e) {
            release();
            throw e;
        }
    }

    /** Forgets what was notified so far: those rows are pending anyway, and the next pass reads them. */
    public void discard() throws SQLException {
        if (notifications != null) {
            try {
                heard(notifications.getNotifications());
            } catch (SQLException e) {
                release();
                throw e;
            }
        }
    }

    private void heard(PGNotification[] heard) {
        if (heard != null && heard.length > 0) {
            commits.commitHeard();
        }
    }

    /** Hands the connection back to the pool, no longer listening (else its next borrower gets our notifications). */
    public void release() {
        Connection c = connection;
        connection = null;
        notifications = null;
        if (c != null) {
            Listening.unlisten(c);
            try {
                c.close();
            } catch (SQLException ignored) {
                // a broken connection: the pool evicts it
            }
        }
    }
}
