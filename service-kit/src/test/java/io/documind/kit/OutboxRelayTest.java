package io.documind.kit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.contracts.Topics;
import io.documind.contracts.events.MembershipCreated;
import io.documind.contracts.events.MembershipSource;
import io.documind.contracts.events.OrganizationCreated;
import io.documind.contracts.events.OrganizationUpdated;
import io.documind.contracts.schema.EventSchemaValidator;
import io.documind.kit.outbox.Outbox;
import io.documind.kit.outbox.OutboxException;
import io.documind.localstack.KafkaBroker;
import io.documind.localstack.testing.TestInfrastructure;
import io.documind.localstack.testing.TopicReader;
import io.micronaut.configuration.kafka.config.AbstractKafkaProducerConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.transaction.TransactionOperations;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transactional outbox against a real PostgreSQL and a broker of its own that the test can stop. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private KafkaBroker kafka;
    private Map<String, Object> properties;
    private ApplicationContext context;
    private Outbox outbox;
    private TransactionOperations<Connection> transactions;
    private final EventSchemaValidator schemas = new EventSchemaValidator();

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start() {
        kafka = TestInfrastructure.dedicatedKafka();
        properties = KitContext.properties(kafka);
        properties.put("documind.consumer.enabled", false);
        context = KitContext.start(properties);
        outbox = context.getBean(Outbox.class);
        transactions = context.getBean(TransactionOperations.class);
    }

    @AfterAll
    void stop() {
        context.close();
        kafka.close();
    }

    @Test
    void aCommittedEventIsPublishedOnceWithAValidEnvelopeAndMarkedSent() {
        String org = UUID.randomUUID().toString();
        UUID id = transactions.executeWrite(s -> outbox.append(new OrganizationCreated(org, "Acme", null, null, null, false, null)));

        await().atMost(Duration.ofSeconds(30)).until(() -> isSent(id));
        List<ConsumerRecord<String, byte[]>> published = recordsWithId(id);
        assertEquals(1, published.size());
        ConsumerRecord<String, byte[]> record = published.get(0);
        assertEquals(org, record.key(), "record key is the organization id");
        assertEquals(List.of(), schemas.validate(record.topic(), new String(record.value(), StandardCharsets.UTF_8)));
    }

    @Test
    void aRolledBackTransactionLeavesNoEvent() {
        String org = UUID.randomUUID().toString();
        UUID[] id = new UUID[1];
        assertThrows(IllegalStateException.class, () -> transactions.executeWrite(s -> {
            id[0] = outbox.append(new OrganizationCreated(org, "Never", null, null, null, false, null));
            throw new IllegalStateException("the change failed");
        }));
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE event_id = '" + id[0] + "'"));
    }

    /** Every consumer would dead-letter it: the change it records is refused with it, and nothing is written. */
    @Test
    void anEventItsSchemaRefusesIsNotRecordedAndRollsItsChangeBack() {
        String org = UUID.randomUUID().toString();
        OutboxException refused = assertThrows(OutboxException.class, () -> transactions.executeWrite(s ->
                outbox.append(new MembershipCreated(org, "user-1", "\"quoted local\"@example.com", List.of("Member"),
                        MembershipSource.MANAGEMENT_API))));
        assertTrue(refused.getMessage().contains("MembershipCreated"), refused.getMessage());
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE record_key = '" + org + "'"));
    }

    /**
     * An entry whose INSERT the caller sends itself, in one message with its own statements (document-service's
     * creation does), is published as an appended event is.
     */
    @Test
    void anEntrySentWithTheCallersOwnStatementsIsPublishedAsAnAppendedOneIs() {
        String org = UUID.randomUUID().toString();
        Outbox.Entry entry = outbox.entry(new OrganizationCreated(org, "Sent along", null, null, null, false, null));
        UUID id = transactions.executeWrite(s -> {
            try (PreparedStatement message = s.getConnection().prepareStatement(
                    "SELECT count(*) FROM outbox_event; " + Outbox.Entry.INSERT)) {
                entry.bind(message, 1);
                message.execute();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return outbox.appended(entry);
        });

        assertEquals(entry.id(), id);
        await().atMost(Duration.ofSeconds(30)).until(() -> isSent(id));
        List<ConsumerRecord<String, byte[]>> published = recordsWithId(id);
        assertEquals(1, published.size());
        assertEquals(org, published.get(0).key(), "record key is the organization id");
        assertEquals(List.of(), schemas.validate(published.get(0).topic(),
                new String(published.get(0).value(), StandardCharsets.UTF_8)));
    }

    /** Refused when it is made, before its caller has sent anything. */
    @Test
    void anEntryItsSchemaRefusesIsRefusedWhenMade() {
        String org = UUID.randomUUID().toString();
        assertThrows(OutboxException.class, () -> outbox.entry(new MembershipCreated(org, "user-1",
                "\"quoted local\"@example.com", List.of("Member"), MembershipSource.MANAGEMENT_API)));
    }

    /**
     * A statement of the outbox that the database stops (here its time limit, while another transaction holds the
     * table) fails as micronaut-data's statements do, so routes answer it as they answer theirs (DatabaseFailures:
     * 503 with Retry-After) instead of a 500.
     */
    @Test
    void anInsertTheDatabaseStopsFailsAsARepositoryStatementDoes() throws Exception {
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService holder = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<?> holding = holder.submit(() -> transactions.executeWrite(s -> {
                execute(s.getConnection(), "LOCK TABLE outbox_event IN SHARE MODE");
                held.countDown();
                await().atMost(Duration.ofSeconds(30)).until(() -> release.getCount() == 0);
                return null;
            }));
            assertTrue(held.await(30, TimeUnit.SECONDS));
            String org = UUID.randomUUID().toString();
            io.micronaut.data.exceptions.DataAccessException stopped = assertThrows(
                    io.micronaut.data.exceptions.DataAccessException.class, () -> transactions.executeWrite(s -> {
                        execute(s.getConnection(), "SET LOCAL statement_timeout = '300ms'");
                        return outbox.append(new OrganizationCreated(org, "Stopped", null, null, null, false, null));
                    }));
            assertEquals("57014", ((SQLException) stopped.getCause()).getSQLState(), stopped.toString());
            release.countDown();
            holding.get(30, TimeUnit.SECONDS);
            assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE record_key = '" + org + "'"));
        } finally {
            release.countDown();
            holder.shutdownNow();
        }
    }

    private static void execute(Connection connection, String sql) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appended together (one batch of inserts), published as appended one by one, in their order. */
    @Test
    void eventsAppendedTogetherArePublishedInTheirOrder() {
        String org = UUID.randomUUID().toString();
        List<String> names = List.of("First", "Second", "Third");
        transactions.executeWrite(s -> {
            outbox.appendAll(names.stream()
                    .map(n -> new OrganizationUpdated(org, n, null, null, false, null)).toList());
            return null;
        });

        List<String> published = await().atMost(Duration.ofSeconds(30)).until(() ->
                TopicReader.readAll(kafka.bootstrapServers(), Topics.ORG_EVENTS).stream()
                        .filter(r -> org.equals(r.key())).map(r -> nameIn(r.value())).toList(),
                l -> l.size() >= names.size());
        assertEquals(names, published);
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL AND record_key = '" + org + "'"),
                "all marked sent");
    }

    /** One event its schema refuses refuses the others appended with it, and their change. */
    @Test
    void eventsAppendedTogetherAreRefusedTogether() {
        String org = UUID.randomUUID().toString();
        assertThrows(OutboxException.class, () -> transactions.executeWrite(s -> {
            outbox.appendAll(List.of(new OrganizationUpdated(org, "Fine", null, null, false, null),
                    new MembershipCreated(org, "user-1", "\"quoted local\"@example.com", List.of("Member"),
                            MembershipSource.MANAGEMENT_API)));
            return null;
        }));
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE record_key = '" + org + "'"));
        assertThrows(IllegalStateException.class, () -> outbox.appendAll(List.of(
                new OrganizationUpdated(org, "Loose", null, null, false, null))), "outside a transaction");
    }

    private static String nameIn(byte[] envelope) {
        try {
            return JSON.readTree(envelope).path("data").path("name").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON on the topic", e);
        }
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        assertThrows(IllegalStateException.class,
                () -> outbox.append(new OrganizationCreated(UUID.randomUUID().toString(), "Loose", null, null, null, false, null)));
    }

    @Test
    void anEventWrittenWhileKafkaIsDownIsPublishedExactlyOnceWhenItIsBack() {
        kafka.stop();
        UUID id;
        try {
            String org = UUID.randomUUID().toString();
            id = transactions.executeWrite(s -> outbox.append(new OrganizationCreated(org, "Offline", null, null, null, false, null)));
            // The write succeeds without Kafka; the row waits, unsent.
            assertFalse(isSent(id));
        } finally {
            kafka.start();
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> isSent(id));
        assertEquals(1, recordsWithId(id).size(), "published exactly once");
    }

    /**
     * Issue 16: the outbox producer keeps its topics' metadata while the broker is away. With Kafka 4's default
     * recovery (rebootstrap) it forgot them within a second or two of finding the broker unreachable, and from then
     * on each send blocked for metadata for max.block.ms (10 s): a relay batch written during an outage reached Kafka
     * seconds after the broker was back. Kept, a send returns at once and its record waits in the producer.
     */
    @Test
    void whileTheBrokerIsAwayASendWaitsInTheProducerInsteadOfBlockingForMetadata() throws Exception {
        Properties config = context.getBean(AbstractKafkaProducerConfiguration.class, Qualifiers.byName("outbox"))
                .getConfig();
        String topic = "kit-test.outage";
        Producer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        try {
            producer.send(new ProducerRecord<>(topic, "before", "{}")).get(60, TimeUnit.SECONDS); // the topic is known
            kafka.stop();
            try {
                // Every send keeps the producer trying the dead broker, which is what made it rebootstrap.
                await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8))
                        .until(() -> returnsAtOnce(() -> producer.send(new ProducerRecord<>(topic, "during", "{}"))));
            } finally {
                kafka.start();
            }
        } finally {
            producer.close(Duration.ZERO); // what it still holds does not matter here
        }
    }

    private static boolean returnsAtOnce(Runnable send) {
        long started = System.nanoTime();
        send.run();
        return System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1);
    }

    @Test
    void eventsOfOneOrganizationKeepTheirOrderEvenWithTwoRelays() {
        try (ApplicationContext second = KitContext.start(sameDatabase())) {
            Outbox other = second.getBean(Outbox.class);
            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> otherTx = second.getBean(TransactionOperations.class);
            String org = UUID.randomUUID().toString();
            List<UUID> written = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String name = "v" + i;
                // alternate writers: both instances' relays compete for the same rows
                written.add(i % 2 == 0
                        ? transactions.executeWrite(s -> outbox.append(new OrganizationUpdated(org, name, null, null, false, null)))
                        : otherTx.executeWrite(s -> other.append(new OrganizationUpdated(org, name, null, null, false, null))));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> written.stream().allMatch(this::isSent));

            List<String> onTopic = TopicReader.readAll(kafka.bootstrapServers(), Topics.ORG_EVENTS).stream()
                    .filter(r -> org.equals(r.key()))
                    .map(r -> eventId(r))
                    .toList();
            assertEquals(written.stream().map(UUID::toString).toList(), onTopic, "each once, in commit order");
        }
    }

    /**
     * Writers committing faster than a relay pass takes: the relay lingers between passes to batch them
     * ({@code documind.outbox.linger}), and still publishes every event once, each organization's in commit order.
     */
    @Test
    void aBurstFromConcurrentWritersIsPublishedCompletelyOnceInOrder() throws Exception {
        int writers = 4;
        int each = 50;
        List<String> orgs = new ArrayList<>();
        List<List<UUID>> written = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            orgs.add(UUID.randomUUID().toString());
            written.add(java.util.Collections.synchronizedList(new ArrayList<>()));
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(writers)) {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        String name = "burst " + i;
                        written.get(writer).add(transactions.executeWrite(s -> outbox.append(
                                new OrganizationUpdated(orgs.get(writer), name, null, null, false, null))));
                    }
                }));
            }
            for (var writer : done) {
                writer.get(60, TimeUnit.SECONDS);
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> written.stream().flatMap(List::stream).allMatch(this::isSent));

        List<ConsumerRecord<String, byte[]>> onTopic = TopicReader.readAll(kafka.bootstrapServers(), Topics.ORG_EVENTS);
        for (int w = 0; w < writers; w++) {
            String org = orgs.get(w);
            assertEquals(written.get(w).stream().map(UUID::toString).toList(),
                    onTopic.stream().filter(r -> org.equals(r.key())).map(r -> eventId(r)).toList(),
                    "each once, in commit order");
        }
    }

    @Test
    void sentRowsArePrunedAfterTheirRetention() {
        Map<String, Object> pruningProperties = sameDatabase();
        pruningProperties.put("documind.outbox.retention", "0s");
        pruningProperties.put("documind.outbox.prune-interval", "200ms");
        try (ApplicationContext pruning = KitContext.start(pruningProperties)) {
            String org = UUID.randomUUID().toString();
            UUID id = transactions.executeWrite(s -> outbox.append(new OrganizationCreated(org, "Short-lived", null, null, null, false, null)));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    count("SELECT count(*) FROM outbox_event WHERE event_id = '" + id + "'") == 0);
            assertEquals(1, recordsWithId(id).size(), "pruned only after it was published");
        }
    }

    private Map<String, Object> sameDatabase() {
        return new java.util.HashMap<>(properties);
    }

    private List<ConsumerRecord<String, byte[]>> recordsWithId(UUID id) {
        return TopicReader.readAll(kafka.bootstrapServers(), Topics.ORG_EVENTS).stream()
                .filter(r -> id.toString().equals(eventId(r)))
                .toList();
    }

    private static String eventId(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value()).path("id").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON on the topic", e);
        }
    }

    private boolean isSent(UUID id) {
        return count("SELECT count(*) FROM outbox_event WHERE sent_at IS NOT NULL AND event_id = '" + id + "'") == 1;
    }

    private long count(String sql) {
        return transactions.executeRead(s -> {
            try (PreparedStatement select = s.getConnection().prepareStatement(sql); ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
