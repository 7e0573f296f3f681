package io.documind.kit;

import io.documind.contracts.Topics;
import io.documind.contracts.events.OrganizationCreated;
import io.documind.kit.consumer.DeadLetterTopic;
import io.documind.kit.consumer.ListenerCoverage;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.kit.testing.EventFeed;
import io.documind.localstack.KafkaBroker;
import io.documind.localstack.testing.TestInfrastructure;
import io.documind.localstack.testing.TopicReader;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The idempotent consumer against real Kafka and PostgreSQL, fed by a plain producer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventConsumerTest {

    private static final Duration OUTAGE_CEILING = Duration.ofSeconds(5);

    private KafkaBroker kafka;
    private ApplicationContext context;
    private TransactionOperations<Connection> transactions;
    private EventFeed events;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start() {
        kafka = TestInfrastructure.kafka();
        Map<String, Object> properties = KitContext.properties(kafka);
        properties.put("documind.outbox.relay-enabled", false);
        properties.put("documind.consumer.initial-backoff", "20ms");
        properties.put("documind.consumer.max-backoff", "200ms");
        // Far above the ~1 s the outage test's eight holds take, so that test stays inside it.
        properties.put("documind.consumer.outage-ceiling", OUTAGE_CEILING.toMillis() + "ms");
        context = KitContext.start(properties);
        transactions = context.getBean(TransactionOperations.class);
        events = new EventFeed(context.getBean(EnvelopeCodec.class));
    }

    @AfterAll
    void stop() {
        events.close();
        context.close();
    }

    @Test
    void aRedeliveredEventHasNoSecondEffect() {
        String org = UUID.randomUUID().toString();
        byte[] envelope = envelope(new OrganizationCreated(org, "Twice", null, null, null, false, null));

        send(org, envelope);
        send(org, envelope);
        String marker = UUID.randomUUID().toString();
        // Keyed like the copies, so it lands on their partition, behind them.
        send(org, envelope(new OrganizationCreated(marker, "After", null, null, null, false, null)));

        // Once the later record is applied, both copies before it on the partition were seen.
        await().atMost(Duration.ofSeconds(30)).until(() -> effects(marker) == 1);
        assertEquals(1, effects(org));
        assertEquals(List.of(), deadLetters(org), "the copy was skipped, not failed");
    }

    @Test
    void theListenerCoverageCheckReadsTheListenersTopics() {
        // What ListenerCoverage compares the handlers' topics with at start (a service missing one does not start).
        assertEquals(Set.of(Topics.ORG_EVENTS), ListenerCoverage.subscribedTopics(context));
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndTheRecordsAfterItAreStillApplied() {
        String key = UUID.randomUUID().toString();
        send(key, "{not an envelope".getBytes(StandardCharsets.UTF_8));
        send(key, envelope(new OrganizationCreated(key, "", null, null, null, false, null))); // breaks the schema: empty name
        send(key, null); // a tombstone: no event either
        send(key, envelope(new OrganizationCreated(key, "Fine", null, null, null, false, null)));

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(key) == 1);
        List<ConsumerRecord<String, byte[]>> dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetters(key), d -> d.size() == 3);
        assertTrue(new String(dead.get(0).value(), StandardCharsets.UTF_8).startsWith("{not an envelope"));
        assertTrue(header(dead.get(1), DeadLetterTopic.HEADER_REASON).contains("InvalidEventException"));
        assertNull(dead.get(2).value());
        assertTrue(header(dead.get(2), DeadLetterTopic.HEADER_REASON).contains("no value"),
                header(dead.get(2), DeadLetterTopic.HEADER_REASON));
    }

    /**
     * A record as large as Kafka's limit takes (1 MiB on the producer) is over it once the dead letter's headers are
     * added: Kafka refused that dead letter for ever and the partition stayed held at the record.
     */
    @Test
    void aRecordTooLargeToDeadLetterWithItsHeadersGoesWithoutItsValue() {
        String key = UUID.randomUUID().toString();
        byte[] huge = new byte[1_048_576 - 150];
        java.util.Arrays.fill(huge, (byte) 'x');
        send(key, huge);
        send(key, envelope(new OrganizationCreated(key, "After it", null, null, null, false, null)));

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(key) == 1);
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(key);
        assertEquals(1, dead.size());
        assertNull(dead.get(0).value());
        assertTrue(header(dead.get(0), DeadLetterTopic.HEADER_VALUE_DROPPED).startsWith(huge.length + " bytes"),
                header(dead.get(0), DeadLetterTopic.HEADER_VALUE_DROPPED));
        assertTrue(header(dead.get(0), DeadLetterTopic.HEADER_ORIGIN).startsWith(Topics.ORG_EVENTS + "/"));
    }

    @Test
    void aNewerProducersEventsAreReadAsATolerantReaderDoes() {
        String key = UUID.randomUUID().toString();
        // A handled event with fields this version does not know, at the top and inside createdBy.
        String newer = new String(envelope(new OrganizationCreated(key, "Newer", null,
                new io.documind.contracts.events.Actor("u-1", "creator@example.com"), null, false, null)),
                StandardCharsets.UTF_8)
                .replace("\"name\":\"Newer\"", "\"name\":\"Newer\",\"region\":\"eu-1\"")
                .replace("\"userId\":\"u-1\"", "\"userId\":\"u-1\",\"locale\":\"de\"");
        assertTrue(newer.contains("region") && newer.contains("locale"), newer);
        send(key, newer.getBytes(StandardCharsets.UTF_8));
        // A type this version has never heard of, and a cataloged one no handler here takes, whose data would not
        // even pass this version's schema: neither is this service's business.
        String unknownType = new String(envelope(new OrganizationCreated(key, "Renamed", null, null, null, false,
                null)), StandardCharsets.UTF_8)
                .replace("\"type\":\"OrganizationCreated\"", "\"type\":\"OrganizationArchived\"")
                .replace(":OrganizationCreated:", ":OrganizationArchived:");
        send(key, unknownType.getBytes(StandardCharsets.UTF_8));
        String unhandled = new String(envelope(new OrganizationCreated(key, "x", null, null, null, false, null)),
                StandardCharsets.UTF_8)
                .replace("\"type\":\"OrganizationCreated\"", "\"type\":\"OrganizationUpdated\"")
                .replace(":OrganizationCreated:", ":OrganizationUpdated:")
                .replace("\"name\":\"x\"", "\"name\":\"\"");
        send(key, unhandled.getBytes(StandardCharsets.UTF_8));
        String after = UUID.randomUUID().toString();
        send(key, envelope(new OrganizationCreated(after, "After them", null, null, null, false, null)));

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(after) == 1);
        assertEquals(1, effects(key), "the newer event was applied");
        assertEquals(List.of(), deadLetters(key));
    }

    @Test
    void anEventWhoseHandlerKeepsFailingIsDeadLetteredAfterBoundedRetriesAndChangesNothing() {
        String key = UUID.randomUUID().toString();
        send(key, envelope(new OrganizationCreated(key, "fail always", null, null, null, false, null)));
        String after = UUID.randomUUID().toString();
        send(key, envelope(new OrganizationCreated(after, "Next in line", null, null, null, false, null)));

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(after) == 1);
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(key);
        assertEquals(1, dead.size());
        assertTrue(header(dead.get(0), DeadLetterTopic.HEADER_REASON).contains("can never be handled"));
        assertEquals(0, effects(key), "the failed handler's writes were rolled back");
    }

    @Test
    void aDatabaseOutageIsWaitedOutHoweverManyAttemptsItTakesAndNothingIsDeadLettered() {
        RecordingHandler.OUTAGE.set(8); // twice the attempts a handler's own failure gets
        String key = UUID.randomUUID().toString();
        send(key, envelope(new OrganizationCreated(key, "outage", null, null, null, false, null)));
        String after = UUID.randomUUID().toString();
        send(key, envelope(new OrganizationCreated(after, "After the outage", null, null, null, false, null)));

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(after) == 1);
        assertEquals(0, RecordingHandler.OUTAGE.get(), "every attempt was made");
        assertEquals(1, effects(key), "applied once the database was back; the failed attempts rolled back");
        assertEquals(List.of(), deadLetters(key));
    }

    @Test
    void aRecordThatKeepsLookingLikeAnOutageWhileTheDatabaseAnswersIsDeadLetteredPastTheCeiling() {
        // Held for ever, it would stop its partition; the database is fine all along, so it is the record's fault.
        String key = UUID.randomUUID().toString();
        long sent = System.nanoTime();
        send(key, envelope(new OrganizationCreated(key, "drops the connection", null, null, null, false, null)));
        String after = UUID.randomUUID().toString();
        send(key, envelope(new OrganizationCreated(after, "Behind the poison", null, null, null, false, null)));

        await().atMost(Duration.ofSeconds(60)).until(() -> effects(after) == 1);
        Duration held = Duration.ofNanos(System.nanoTime() - sent);
        assertTrue(held.compareTo(OUTAGE_CEILING) >= 0, "held as an outage first, for the ceiling: " + held);
        assertTrue(RecordingHandler.DROPPED.get() > 4, "more attempts than the bounded retries alone: "
                + RecordingHandler.DROPPED.get());
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(key);
        assertEquals(1, dead.size());
        assertTrue(header(dead.get(0), DeadLetterTopic.HEADER_REASON).contains("sending to the backend"),
                header(dead.get(0), DeadLetterTopic.HEADER_REASON));
        assertEquals(0, effects(key), "every attempt's writes were rolled back");
    }

    private byte[] envelope(OrganizationCreated event) {
        return events.envelope(event);
    }

    private void send(String key, byte[] value) {
        events.publishRaw(Topics.ORG_EVENTS, key, value);
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        return TopicReader.readAll(kafka.bootstrapServers(), Topics.deadLetterOf(Topics.ORG_EVENTS)).stream()
                .filter(r -> key.equals(r.key())).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private long effects(String organizationId) {
        return transactions.executeRead(s -> RecordingHandler.effects(s.getConnection(), organizationId));
    }
}
