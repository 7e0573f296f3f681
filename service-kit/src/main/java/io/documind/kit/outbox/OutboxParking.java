package io.documind.kit.outbox;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows Kafka refuses for a reason that does not pass (a record too large, an unknown topic it may not create):
 * each refusal is counted with its error, and after {@code documind.outbox.max-attempts} the row is parked, left
 * for an operator ({@code documind_outbox_parked}) instead of being retried forever. Runs in the batch's transaction.
 */
@Singleton
public class OutboxParking {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxParking.class);

    private final OutboxRows rows;
    private final int maxAttempts;

    public OutboxParking(OutboxRows rows, OutboxConfiguration config) {
        this.rows = rows;
        this.maxAttempts = config.getMaxAttempts();
    }

    void refused(OutboxRow row, Throwable cause) {
        LOG.error("Outbox row {} ({}) was refused by Kafka: {}", row.id(), row.topic(), describe(cause));
        rows.recordRefusal(row.id(), describe(cause), maxAttempts);
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
