package io.documind.kit;

import io.documind.contracts.events.OrganizationCreated;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test handler whose effect is a row; an organization named "fail..." makes it throw every time, "outage..."
 * meets a database outage {@link #OUTAGE} times, "drops..." has its connection dropped every time (as a driver may for
 * one statement it cannot send, while the database is fine; counted in {@link #DROPPED}), and one named
 * "hold..." waits at {@link #GATE}, inside its transaction, while a test keeps the gate shut. Only in contexts
 * that ask for it ({@link KitContext}): a reactor build run to the {@code test} phase, or an IDE, puts the kit's test
 * classes on the services' test classpath (for the {@code io.documind.kit.testing} helpers), where it would
 * otherwise handle every service's OrganizationCreated too.
 */
@Singleton
@Requires(property = RecordingHandler.ENABLED, value = "true")
class RecordingHandler implements EventHandler<OrganizationCreated> {

    static final String ENABLED = "documind.kit-test.recording-handler";
    static final Gate GATE = new Gate();
    /** How many more attempts at an "outage..." event meet a database outage. */
    static final AtomicInteger OUTAGE = new AtomicInteger();
    /** How many attempts at "drops..." events were made. */
    static final AtomicInteger DROPPED = new AtomicInteger();

    private final TransactionOperations<Connection> transactions;

    RecordingHandler(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public void handle(OrganizationCreated event, EventMetadata metadata) {
        try (PreparedStatement insert = transactions.getConnection().prepareStatement(
                "INSERT INTO kit_test_effect (event_id, organization_id, name) VALUES (?, ?, ?)")) {
            insert.setString(1, metadata.eventId());
            insert.setString(2, event.organizationId());
            insert.setString(3, event.name());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (event.name().startsWith("outage") && OUTAGE.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException(new SQLTransientConnectionException("the database is away"));
        }
        if (event.name().startsWith("drops")) {
            DROPPED.incrementAndGet();
            throw new IllegalStateException(new SQLNonTransientConnectionException(
                    "An I/O error occurred while sending to the backend", "08006"));
        }
        if (event.name().startsWith("fail")) {
            throw new IllegalArgumentException("this organization can never be handled");
        }
        if (event.name().startsWith("hold")) {
            GATE.pass();
        }
    }

    /** Shut, it keeps the handler of a "hold..." event waiting (at most a minute) until opened. */
    static final class Gate {
        private volatile CountDownLatch open = new CountDownLatch(0);
        private volatile CountDownLatch reached = new CountDownLatch(0);

        void shut() {
            reached = new CountDownLatch(1);
            open = new CountDownLatch(1);
        }

        /** Whether a handler is waiting (or has waited) at the gate since it was shut. */
        boolean reached() {
            return reached.getCount() == 0;
        }

        void open() {
            open.countDown();
        }

        private void pass() {
            reached.countDown();
            try {
                if (!open.await(1, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("the gate was never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** How many effects the handler has written for the organization. */
    static long effects(Connection c, String organizationId) {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT count(*) FROM kit_test_effect WHERE organization_id = ?")) {
            select.setString(1, organizationId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
