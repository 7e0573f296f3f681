package io.documind.kit.testing;

import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.events.EventCatalog;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.kit.outbox.Outbox;
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
import java.util.concurrent.TimeUnit;

/**
 * Puts events on the test infrastructure's Kafka the way a producing service's outbox relay does: a CloudEvents
 * envelope written by the kit's codec, on the event's topic, keyed by its organization. Tests of consumers use it
 * to feed them; {@link #publishRaw} sends any bytes, for redelivered copies and poison records.
 *
 * <p>Shared with the services' tests through service-kit's test-jar (the {@code io.documind.kit.testing} package
 * only).
 */
public final class EventFeed implements AutoCloseable {

    private final EnvelopeCodec codec;
    private final KafkaProducer<String, byte[]> producer;

    /** @param codec the kit's codec, e.g. injected into the test from the service's context */
    public EventFeed(EnvelopeCodec codec) {
        this.codec = codec;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /**
     * Publishes the event in a new envelope to its topic, keyed by its organization.
     *
     * @return the event id (the envelope's {@code id}, the consumers' idempotency key)
     */
    public UUID publish(DomainEvent event) {
        UUID id = UUID.randomUUID();
        publishRaw(topicOf(event), keyOf(event), envelope(event, id));
        return id;
    }

    /** The event's envelope with a new id, as bytes on the topic. */
    public byte[] envelope(DomainEvent event) {
        return envelope(event, UUID.randomUUID());
    }

    /** The event's envelope with the given id: the same id again is a redelivery of the same event. */
    public byte[] envelope(DomainEvent event, UUID id) {
        return codec.write(codec.envelope(event, id, Instant.now(), event.organizationId(), null))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the bytes as they are, and waits until Kafka has them. */
    public void publishRaw(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not publish to " + topic, e);
        }
    }

    /** The topic its producing service publishes the event to. */
    public static String topicOf(DomainEvent event) {
        return EventCatalog.of(event.getClass()).topic();
    }

    /** The record key its producer's outbox uses. */
    public static String keyOf(DomainEvent event) {
        return Outbox.recordKey(event);
    }

    @Override
    public void close() {
        producer.close();
    }
}
