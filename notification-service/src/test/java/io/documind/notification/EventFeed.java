package io.documind.notification;

import io.documind.contracts.Topics;
import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.events.EventCatalog;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.localstack.testing.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Puts events on Kafka the way the real producers' outbox relays do: a CloudEvents envelope written by the
 * kit's codec, on the event's topic, keyed by its organization.
 */
final class EventFeed implements AutoCloseable {

    private final EnvelopeCodec codec;
    private final KafkaProducer<String, byte[]> producer;

    EventFeed(EnvelopeCodec codec) {
        this.codec = codec;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** @return the event id (the envelope's {@code id}, every email's triggering event id) */
    UUID publish(DomainEvent event) {
        UUID id = UUID.randomUUID();
        publishRaw(EventCatalog.of(event.getClass()).topic(), key(event), envelope(event, id));
        return id;
    }

    byte[] envelope(DomainEvent event, UUID id) {
        return codec.write(codec.envelope(event, id, Instant.now(), event.organizationId(), "test-" + id))
                .getBytes(StandardCharsets.UTF_8);
    }

    static String key(DomainEvent event) {
        return event.organizationId() != null ? event.organizationId() : Topics.PLATFORM_KEY;
    }

    void publishRaw(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError("could not publish to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
