package io.documind.kit.outbox;

import io.documind.kit.Backoff;
import io.documind.kit.jdbc.Listening;
import io.documind.kit.lifecycle.BackgroundWorker;
import io.documind.kit.lifecycle.Shutdown;
import io.documind.kit.observability.EventMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.PostConstruct;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes committed outbox rows to Kafka and marks them sent.
 *
 * <p>It wakes on the {@code outbox_event} NOTIFY that a committing writer sends, and polls as a fallback.
 * Each batch runs in one transaction that first takes a transaction-scoped advisory lock: with several
 * instances of a service only one publishes at a time, which keeps per-organization (per-key) order, and
 * the lock is released by commit or by a dead connection, so a crashed instance never blocks the others.
 * A row is marked sent only after Kafka acknowledged it (idempotent producer, acks=all); a crash between
 * the two re-publishes it, which the consumers' event-id dedupe absorbs.
 *
 * <p>It keeps publishing through the graceful phase of a stop (in-flight requests and the consumer's last
 * events still commit rows), and stops in the closing phase, before the producer and the datasource: it ends
 * the batch in hand and publishes what is pending once more, so those rows do not wait for another instance
 * or the next start. Rows it leaves are published by whichever relay runs next.
 */
@Context
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    /** Advisory lock key shared by every instance of one service (each service has its own database). */
    private static final long RELAY_LOCK = 0x0D0C_4D1D_0000_0001L;
    private static final String CHANNEL = "outbox_event";
    /** Longest the closing phase of a stop gives the relay to end its batch and publish what is pending. */
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final OutboxConfiguration config;
    private final Backoff backoff;
    private final EventMetrics metrics;
    private final Shutdown shutdown;
    private final BackgroundWorker worker = new BackgroundWorker("outbox-relay");
    private Instant nextReport = Instant.EPOCH;
    private Instant nextPrune = Instant.EPOCH;

    public OutboxRelay(DataSource dataSource, Producer<String, byte[]> producer, OutboxConfiguration config,
                       EventMetrics metrics, Shutdown shutdown) {
        this.metrics = metrics;
        this.shutdown = shutdown;
        // The raw pool, not the transaction-aware proxy: the relay manages its own transactions.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.producer = producer;
        this.config = config;
        this.backoff = new Backoff(Duration.ofMillis(200), config.getMaxBackoff());
    }

    @PostConstruct
    void start() {
        if (!config.isRelayEnabled()) {
            LOG.info("Outbox relay disabled (documind.outbox.relay-enabled=false)");
            return;
        }
        worker.start(this::run);
    }

    /** The closing phase of a stop: end the batch in hand, publish what is pending, stop. */
    @PreDestroy
    void stop() throws InterruptedException {
        worker.stopNow(shutdown.patience(STOP_PATIENCE));
    }

    private void run() {
        relayUntilStopped();
        publishRemaining();
    }

    private void relayUntilStopped() {
        int failures = 0;
        while (worker.isRunning()) {
            try (Connection listener = dataSource.getConnection()) {
                try {
                    org.postgresql.PGConnection notifications = Listening.listen(listener, CHANNEL);
                    while (worker.isRunning()) {
                        try {
                            publishPending();
                        } catch (KafkaUnavailableException e) {
                            // Kafka's trouble, not the listener's: keep listening and try again after a pause.
                            failures++;
                            backOff(e, failures);
                            // What was notified meanwhile is pending anyway; read it so it does not pile up.
                            notifications.getNotifications();
                            continue;
                        }
                        pruneWhenDue();
                        reportWhenDue();
                        failures = 0;
                        // Wake on the next NOTIFY or after the poll interval, whichever is first.
                        notifications.getNotifications((int) config.getPollInterval().toMillis());
                    }
                } finally {
                    Listening.unlisten(listener);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!worker.isRunning()) {
                    return;
                }
                failures++;
                try {
                    backOff(e, failures);
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void backOff(Exception e, int failures) throws InterruptedException {
        Duration pause = backoff.delay(failures);
        LOG.warn("Outbox relay failed ({}); retrying in {} ms", describe(e), pause.toMillis());
        worker.pause(pause);
    }

    /** Publishes until nothing is pending (or another instance holds the relay lock). */
    private void publishPending() throws SQLException, InterruptedException {
        while (worker.isRunning() && publishBatch() == config.getBatchSize()) {
            // a full batch: more may be waiting
        }
    }

    /** Stopping: one last pass for rows committed since the last one, unless the stop already ran out of time. */
    private void publishRemaining() {
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        try {
            while (publishBatch() == config.getBatchSize()) {
                // a full batch: more may be waiting
            }
        } catch (InterruptedException e) {
            LOG.info("Outbox relay stopped before publishing every pending row; the next relay publishes them");
        } catch (Exception e) {
            LOG.info("Outbox relay stopped with rows pending ({}); the next relay publishes them", describe(e));
        }
    }

    private int publishBatch() throws SQLException, InterruptedException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int published = publishBatch(c);
                c.commit();
                return published;
            } catch (SQLException | RuntimeException | InterruptedException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private int publishBatch(Connection c) throws SQLException, InterruptedException {
        try (Statement lock = c.createStatement();
             ResultSet got = lock.executeQuery("SELECT pg_try_advisory_xact_lock(" + RELAY_LOCK + ")")) {
            got.next();
            if (!got.getBoolean(1)) {
                return 0; // another instance is publishing; its commit will leave nothing for us
            }
        }
        List<Row> rows = pending(c);
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            sends.add(producer.send(new ProducerRecord<>(row.topic, row.key, row.payload.getBytes(StandardCharsets.UTF_8))));
        }
        producer.flush();
        List<Long> sent = new ArrayList<>(rows.size());
        KafkaUnavailableException retriable = null;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            try {
                sends.get(i).get(config.getMaxBackoff().toMillis() + 30_000, TimeUnit.MILLISECONDS);
                sent.add(row.id);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RetriableException) {
                    retriable = new KafkaUnavailableException("Kafka unavailable", e.getCause());
                } else {
                    recordFailure(c, row, e.getCause());
                }
            } catch (TimeoutException e) {
                retriable = new KafkaUnavailableException("Kafka did not acknowledge in time", e);
            }
        }
        markSent(c, sent);
        if (retriable != null) {
            // Keep what was acknowledged; the rest stays pending and is retried after a pause.
            c.commit();
            throw retriable;
        }
        return rows.size();
    }

    private List<Row> pending(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT id, topic, record_key, payload FROM outbox_event
                WHERE sent_at IS NULL AND parked_at IS NULL
                ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""")) {
            select.setInt(1, config.getBatchSize());
            try (ResultSet rs = select.executeQuery()) {
                List<Row> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
                return rows;
            }
        }
    }

    private static void markSent(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE outbox_event SET sent_at = now() WHERE id = ANY (?)")) {
            update.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            update.executeUpdate();
        }
    }

    private void recordFailure(Connection c, Row row, Throwable cause) throws SQLException {
        LOG.error("Outbox row {} ({}) was refused by Kafka: {}", row.id, row.topic, describe(cause));
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE outbox_event SET attempts = attempts + 1, last_error = ?,
                       parked_at = CASE WHEN attempts + 1 >= ? THEN now() END
                WHERE id = ?""")) {
            update.setString(1, describe(cause));
            update.setInt(2, config.getMaxAttempts());
            update.setLong(3, row.id);
            update.executeUpdate();
        }
    }

    private void pruneWhenDue() throws SQLException {
        Instant now = Instant.now();
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(config.getPruneInterval());
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement(
                     "DELETE FROM outbox_event WHERE sent_at < now() - make_interval(secs => ?)")) {
            delete.setLong(1, config.getRetention().toSeconds());
            int pruned = delete.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            if (pruned > 0) {
                LOG.info("Pruned {} sent outbox rows older than {}", pruned, config.getRetention());
            }
        }
    }

    /** Backlog figures for the metrics, every few seconds (one index-only scan of the pending rows). */
    private void reportWhenDue() throws SQLException {
        Instant now = Instant.now();
        if (now.isBefore(nextReport)) {
            return;
        }
        nextReport = now.plusSeconds(5);
        try (Connection c = dataSource.getConnection();
             Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT count(*) FILTER (WHERE parked_at IS NULL),
                            COALESCE(EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE parked_at IS NULL)), 0),
                            count(*) FILTER (WHERE parked_at IS NOT NULL)
                     FROM outbox_event WHERE sent_at IS NULL""")) {
            rs.next();
            metrics.outbox(rs.getLong(1), (long) rs.getDouble(2), rs.getLong(3));
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private record Row(long id, String topic, String key, String payload) {
    }

    /** Kafka refused or did not acknowledge a send for a reason that passes: the rows stay pending. */
    private static final class KafkaUnavailableException extends OutboxException {
        KafkaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
