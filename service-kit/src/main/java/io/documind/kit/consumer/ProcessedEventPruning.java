package io.documind.kit.consumer;

import io.documind.kit.jdbc.BatchedDeletes;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;

/**
 * Keeps {@code processed_event} to {@code documind.consumer.processed-event-retention}: every consumer claims each
 * event id it applies (EventApplier), and the claims stayed for good, so the table grew by a row per event per
 * consumer forever. A claim only has to outlive any redelivery of its event, and Kafka redelivers only what its
 * topics still hold: so the retention must stay longer than the topics' {@code retention.ms} plus {@code segment.ms}
 * (Kafka deletes whole segments; 7 + 7 days by default).
 * Runs in every instance; instances pass over each other's rows. Plain JDBC, as EventApplier's claim into the same
 * table: {@code processed_event} has no entity class, which a micronaut-data repository needs.
 */
@Singleton
public class ProcessedEventPruning {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessedEventPruning.class);
    /** Rows per transaction: short ones beside the consumers' claims. */
    static final int BATCH = 5_000;
    private static final Duration RUN_BUDGET = Duration.ofSeconds(30);

    private final TransactionOperations<Connection> transactions;
    private final Duration retention;

    public ProcessedEventPruning(TransactionOperations<Connection> transactions, ConsumerConfiguration config) {
        this.transactions = transactions;
        this.retention = config.getProcessedEventRetention();
    }

    /** Returns how many claims went. */
    @Scheduled(fixedDelay = "${documind.consumer.processed-event-prune-interval:10m}", initialDelay = "2m")
    public int prune() {
        double seconds = retention.toMillis() / 1000.0;
        int total = BatchedDeletes.run(transactions, BATCH, RUN_BUDGET, limit -> deleteOldest(seconds, limit));
        if (total > 0) {
            LOG.info("Pruned {} applied-event claims older than {}", total, retention);
        }
        return total;
    }

    /** Joins the batch's transaction (BatchedDeletes opens one per batch). */
    private int deleteOldest(double olderThanSeconds, int limit) {
        return transactions.executeWrite(status -> {
            try (PreparedStatement delete = status.getConnection().prepareStatement("""
                    DELETE FROM processed_event WHERE (consumer, event_id) IN (
                        SELECT consumer, event_id FROM processed_event
                        WHERE processed_at < now() - make_interval(secs => ?)
                        ORDER BY processed_at LIMIT ? FOR UPDATE SKIP LOCKED)""")) {
                delete.setDouble(1, olderThanSeconds);
                delete.setInt(2, limit);
                return delete.executeUpdate();
            }
        });
    }
}
