package io.documind.kit.consumer;

import io.documind.kit.KitContext;
import io.documind.localstack.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Applied-event claims go once older than their retention, in as many batches as it takes; younger ones stay. */
class ProcessedEventPruningTest {

    @Test
    @SuppressWarnings("unchecked")
    void claimsOlderThanTheRetentionArePrunedInBatchesAndYoungerOnesKept() {
        Map<String, Object> properties = KitContext.properties(TestInfrastructure.kafka());
        properties.put("documind.consumer.enabled", false);
        properties.put("documind.outbox.relay-enabled", false);
        properties.put("documind.consumer.processed-event-retention", "1d");
        try (ApplicationContext context = KitContext.start(properties)) {
            TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
            String consumer = "pruning-" + System.nanoTime();
            // More old claims than one batch holds, so the run must go on past a full batch.
            int old = ProcessedEventPruning.BATCH + 7;
            claim(transactions, consumer, old, "now() - interval '2 days'");
            claim(transactions, consumer, 3, "now() - interval '20 hours'");

            int pruned = context.getBean(ProcessedEventPruning.class).prune();

            assertTrue(pruned >= old, "pruned " + pruned);
            assertEquals(3, count(transactions, consumer));
        }
    }

    private static void claim(TransactionOperations<Connection> transactions, String consumer, int rows, String at) {
        transactions.executeWrite(s -> {
            try (PreparedStatement insert = s.getConnection().prepareStatement(
                    "INSERT INTO processed_event (consumer, event_id, event_type, processed_at) "
                            + "SELECT ?, gen_random_uuid(), 'OrganizationUpdated', " + at + " FROM generate_series(1, ?)")) {
                insert.setString(1, consumer);
                insert.setInt(2, rows);
                return insert.executeUpdate();
            }
        });
    }

    private static long count(TransactionOperations<Connection> transactions, String consumer) {
        return transactions.executeRead(s -> {
            try (PreparedStatement select = s.getConnection().prepareStatement(
                    "SELECT count(*) FROM processed_event WHERE consumer = ?")) {
                select.setString(1, consumer);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
