package io.documind.kit.outbox;

import io.micronaut.context.ApplicationContext;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A row Kafka refuses is counted with its error and parked at max-attempts, not retried forever. */
class OutboxParkingTest {

    @Test
    void aRefusedRowIsCountedAndParkedAtMaxAttempts() {
        try (ApplicationContext context = OutboxTable.quietContext(Map.of("documind.outbox.max-attempts", 3))) {
            OutboxTable table = new OutboxTable(context);
            OutboxParking parking = context.getBean(OutboxParking.class);
            long id = table.insert("'{}'", "NULL");
            OutboxRow row = new OutboxRow(id, "org.events.v1", "k", "{}");
            for (int attempt = 1; attempt <= 3; attempt++) {
                table.inTransaction(() -> parking.refused(row, new RecordTooLargeException("too large")));
                assertEquals(attempt, table.number("SELECT attempts FROM outbox_event WHERE id = " + id));
                assertEquals(attempt == 3 ? 1 : 0,
                        table.number("SELECT count(*) FROM outbox_event WHERE parked_at IS NOT NULL AND id = " + id),
                        "parked only at the third refusal");
            }
            assertTrue(table.text("SELECT last_error FROM outbox_event WHERE id = " + id).contains("RecordTooLarge"));
            assertEquals(0, table.number("SELECT count(*) FROM outbox_event WHERE sent_at IS NOT NULL AND id = " + id));
        }
    }
}
