package io.documind.kit.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backlog gauges count pending and parked rows apart, and age the oldest pending one. */
class OutboxMetricsTest {

    @Test
    void theBacklogIsReportedAsPendingOldestAgeAndParked() {
        try (ApplicationContext context = OutboxTable.quietContext(Map.of())) {
            OutboxTable table = new OutboxTable(context);
            table.number("UPDATE outbox_event SET created_at = now() - interval '1 hour' WHERE id = "
                    + table.insert("'{}'", "NULL") + " RETURNING id");
            table.insert("'{}'", "NULL");
            table.number("UPDATE outbox_event SET parked_at = now() WHERE id = "
                    + table.insert("'{}'", "NULL") + " RETURNING id");
            table.insert("'{}'", "now()"); // sent: not in the backlog

            OutboxMetrics metrics = context.getBean(OutboxMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            // The scheduled report runs too, from the context's start: one that read the table while the rows
            // above were written may set the gauges after this test's report. Report until a run reads them all.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                metrics.report();
                assertEquals(2, registry.get("documind.outbox.pending").gauge().value());
                assertEquals(1, registry.get("documind.outbox.parked").gauge().value());
                double age = registry.get("documind.outbox.oldest.pending.age.seconds").gauge().value();
                assertTrue(age >= 3600 && age < 3700, "the oldest pending row's age, not the newest's: " + age);
            });
        }
    }
}
