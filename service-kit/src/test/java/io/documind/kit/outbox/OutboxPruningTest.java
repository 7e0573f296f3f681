package io.documind.kit.outbox;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pruning deletes sent rows past their retention, and nothing else. */
class OutboxPruningTest {

    @Test
    void onlySentRowsOlderThanTheRetentionArePruned() {
        try (ApplicationContext context = OutboxTable.quietContext(Map.of("documind.outbox.retention", "1d"))) {
            OutboxTable table = new OutboxTable(context);
            long old = table.insert("'{}'", "now() - interval '2 days'");
            long recent = table.insert("'{}'", "now() - interval '2 hours'");
            long unsent = table.number("UPDATE outbox_event SET created_at = now() - interval '30 days' WHERE id = "
                    + table.insert("'{}'", "NULL") + " RETURNING id");

            context.getBean(OutboxPruning.class).prune();

            assertEquals(0, table.number("SELECT count(*) FROM outbox_event WHERE id = " + old));
            assertEquals(2, table.number("SELECT count(*) FROM outbox_event WHERE id IN (" + recent + ", " + unsent + ")"));
        }
    }
}
