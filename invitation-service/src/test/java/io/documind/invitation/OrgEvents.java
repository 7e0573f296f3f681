package io.documind.invitation;

import io.documind.contracts.Topics;
import io.documind.contracts.events.Actor;
import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.events.MembershipCreated;
import io.documind.contracts.events.MembershipSource;
import io.documind.contracts.events.OrganizationCreated;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.localstack.testing.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Publishes org-service's events to its topic the way org-service does (kit envelope, organization as key). */
public final class OrgEvents implements AutoCloseable {

    /** An organization made for a test, with its first member (the Admin who created it). */
    public record Org(String id, String name, String adminId, String adminEmail) {
    }

    private final EnvelopeCodec codec;
    private final KafkaProducer<String, byte[]> producer;

    public OrgEvents(EnvelopeCodec codec) {
        this.codec = codec;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** Publishes the event and returns the record value, so a test can deliver the very same envelope again. */
    public byte[] publish(DomainEvent event) {
        byte[] value = codec.write(codec.envelope(event, UUID.randomUUID(), Instant.now(), event.organizationId(), null))
                .getBytes(StandardCharsets.UTF_8);
        publishRaw(event.organizationId() == null ? Topics.PLATFORM_KEY : event.organizationId(), value);
        return value;
    }

    public void publishRaw(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.ORG_EVENTS, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + Topics.ORG_EVENTS, e);
        }
    }

    /** OrganizationCreated and then the creator's MembershipCreated, as org-service sends them. */
    public Org newOrganization(String name) {
        String id = UUID.randomUUID().toString();
        String adminId = "user-" + UUID.randomUUID();
        String adminEmail = "admin-" + id.substring(0, 8) + "@example.com";
        publish(new OrganizationCreated(id, name, null, new Actor(adminId, adminEmail)));
        publish(new MembershipCreated(id, adminId, adminEmail, List.of("Admin"), MembershipSource.CREATOR));
        return new Org(id, name, adminId, adminEmail);
    }

    @Override
    public void close() {
        producer.close();
    }
}
