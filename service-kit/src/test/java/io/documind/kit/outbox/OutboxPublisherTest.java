package io.documind.kit.outbox;

import io.micronaut.configuration.kafka.config.AbstractKafkaProducerConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One batch: claimed under the relay lock, sent, acknowledged rows marked sent, refused rows counted. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxPublisherTest {

    private ApplicationContext context;
    private OutboxTable table;
    private OutboxPublisher publisher;

    @BeforeAll
    void start() {
        context = OutboxTable.quietContext(Map.of());
        table = new OutboxTable(context);
        publisher = context.getBean(OutboxPublisher.class);
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    void theProducerIsIdempotentWithAcksAllBatchedAndBoundedWhenKafkaIsAway() {
        Properties producer = context.getBean(AbstractKafkaProducerConfiguration.class, Qualifiers.byName("outbox"))
                .getConfig();
        assertEquals("all", producer.getProperty("acks"));
        assertEquals("true", producer.getProperty("enable.idempotence"));
        assertEquals("5", producer.getProperty("linger.ms"));
        assertEquals("lz4", producer.getProperty("compression.type"));
        assertEquals("10000", producer.getProperty("max.block.ms"));
        assertEquals("10000", producer.getProperty("request.timeout.ms"));
        assertEquals("30000", producer.getProperty("delivery.timeout.ms"));
        assertEquals("none", producer.getProperty("metadata.recovery.strategy"), "keeps its topics while Kafka is away");
    }

    /**
     * A refused row is counted; the rows after it of its organization wait (a consumer must not see them first),
     * other organizations' rows go, and the pass ends with a pause. Once the row is parked the rest of its
     * organization goes.
     */
    @Test
    void aRefusedRowHoldsBackItsOrganizationOnlyUntilItIsParked() {
        long tooLarge = table.insert("repeat('x', 2 * 1024 * 1024)", "NULL", "org-a"); // over max.request.size
        long sameOrganization = table.insert("'{}'", "NULL", "org-a");
        long otherOrganization = table.insert("'{}'", "NULL", "org-b");

        KafkaUnavailableException pause = assertThrows(KafkaUnavailableException.class, publisher::publishBatch);
        assertTrue(pause.getMessage().contains("refused"), pause.getMessage());

        assertEquals(1, table.number("SELECT count(*) FROM outbox_event WHERE sent_at IS NOT NULL AND id = "
                + otherOrganization));
        assertEquals(0, table.number("SELECT count(*) FROM outbox_event WHERE sent_at IS NOT NULL AND id = "
                + sameOrganization), "not ahead of the refused row");
        assertEquals(1, table.number("SELECT attempts FROM outbox_event WHERE sent_at IS NULL AND id = " + tooLarge));
        assertTrue(table.text("SELECT last_error FROM outbox_event WHERE id = " + tooLarge).contains("RecordTooLarge"));

        table.number("UPDATE outbox_event SET parked_at = now() WHERE id = " + tooLarge + " RETURNING id");
        publisher.publishPending(() -> true);
        assertEquals(1, table.number("SELECT count(*) FROM outbox_event WHERE sent_at IS NOT NULL AND id = "
                + sameOrganization));
    }

    @Test
    void nothingIsClaimedWhileAnotherInstanceHoldsTheRelayLock() throws Exception {
        long pending = table.insert("'{}'", "NULL");
        try (Connection other = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class)).getConnection()) {
            other.setAutoCommit(false);
            try (Statement lock = other.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + OutboxPublisher.RELAY_LOCK + ")");
            }
            assertEquals(0, publisher.publishBatch(), "the other instance publishes");
            assertEquals(0, table.number("SELECT count(*) FROM outbox_event WHERE sent_at IS NOT NULL AND id = " + pending));
            other.rollback();
        }
        assertEquals(1, publisher.publishBatch(), "the lock released, this instance publishes");
        assertEquals(1, table.number("SELECT count(*) FROM outbox_event WHERE sent_at IS NOT NULL AND id = " + pending));
    }
}
