package io.documind.kit;

import io.documind.contracts.Topics;
import io.documind.contracts.events.OrganizationCreated;
import io.documind.kit.consumer.EventDelivery;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.localstack.KafkaBroker;
import io.documind.localstack.testing.TestInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer's part of a graceful stop, against real Kafka and PostgreSQL: asked to stop while it applies an
 * event, it finishes that event, applies nothing after it, commits exactly what it applied and leaves the group;
 * the next instance of the group starts right after it, so every event is applied once and none is redelivered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsumerShutdownTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private KafkaBroker kafka;
    private KafkaProducer<String, byte[]> producer;

    @BeforeAll
    void start() {
        kafka = TestInfrastructure.kafka();
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterAll
    void stop() {
        producer.close();
    }

    @Test
    void aStoppedConsumerCommitsExactlyWhatItAppliedAndTheNextInstanceAppliesTheRestOnce() throws Exception {
        Map<String, Object> properties = KitContext.properties(kafka); // a database and a consumer group of its own
        properties.put("documind.outbox.relay-enabled", false);
        String group = (String) properties.get("documind.consumer.group-id");
        String key = UUID.randomUUID().toString(); // one key, so one partition, read in order
        List<String> before = organizations(5);
        String held = UUID.randomUUID().toString();
        List<String> after = organizations(5);

        RecordingHandler.GATE.shut();
        try (ApplicationContext first = KitContext.start(properties)) {
            EnvelopeCodec codec = first.getBean(EnvelopeCodec.class);
            before.forEach(org -> send(codec, key, org, "Before"));
            RecordMetadata inHand = send(codec, key, held, "hold");
            after.forEach(org -> send(codec, key, org, "After"));
            await().atMost(WAIT).until(RecordingHandler.GATE::reached);

            // The graceful phase of a stop begins while the handler of the held event is still at work.
            CompletionStage<?> stopped = first.getBean(EventDelivery.class).shutdownGracefully();
            RecordingHandler.GATE.open();
            stopped.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            TopicPartition partition = new TopicPartition(inHand.topic(), inHand.partition());
            Map<String, Object> adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (Admin admin = Admin.create(adminConfig)) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                assertEquals(inHand.offset() + 1, committed.get(partition).offset(),
                        "committed up to and including the event in hand, and no further");
                assertTrue(admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().isEmpty(),
                        "left the group, so its partitions move at once");
            }
            for (String org : before) {
                assertEquals(1, effects(properties, org));
            }
            assertEquals(1, effects(properties, held), "the event in hand was finished, not dropped");
            for (String org : after) {
                assertEquals(0, effects(properties, org), "nothing applied after the stop began");
            }
        }

        try (ApplicationContext next = KitContext.start(properties)) {
            await().atMost(WAIT).until(() -> after.stream().allMatch(org -> effects(properties, org) == 1));
            List<String> all = new ArrayList<>(before);
            all.add(held);
            all.addAll(after);
            for (String org : all) {
                assertEquals(1, effects(properties, org), "applied once");
            }
            double redelivered = next.getBean(MeterRegistry.class).find("documind.consumer.events")
                    .tag("outcome", "duplicate").counters().stream().mapToDouble(Counter::count).sum();
            assertEquals(0, redelivered, "the next instance was handed nothing already applied");
        }
    }

    private static List<String> organizations(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    private RecordMetadata send(EnvelopeCodec codec, String key, String organizationId, String name) {
        OrganizationCreated event = new OrganizationCreated(organizationId, name, null, null, null, false, null);
        byte[] value = codec.write(codec.envelope(event, UUID.randomUUID(), Instant.now(), organizationId, null))
                .getBytes(StandardCharsets.UTF_8);
        try {
            return producer.send(new ProducerRecord<>(Topics.ORG_EVENTS, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long effects(Map<String, Object> properties, String organizationId) {
        try (Connection c = DriverManager.getConnection((String) properties.get("datasources.default.url"),
                (String) properties.get("datasources.default.username"),
                (String) properties.get("datasources.default.password"))) {
            return RecordingHandler.effects(c, organizationId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
