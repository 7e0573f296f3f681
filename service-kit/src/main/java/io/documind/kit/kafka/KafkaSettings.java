package io.documind.kit.kafka;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/**
 * The outbox relay's producer settings; bootstrap servers come from {@code kafka.bootstrap.servers}. The listeners'
 * consumers, the dead-letter producer and the admin client are micronaut-kafka's, configured under {@code kafka.*}
 * ({@code KitDefaults}).
 */
@Singleton
public class KafkaSettings {

    private final String bootstrapServers;
    private final String serviceName;

    public KafkaSettings(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
                         @Value("${micronaut.application.name}") String serviceName) {
        this.bootstrapServers = bootstrapServers;
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }

    /** Idempotent, acks=all: a retried send never duplicates or reorders within a partition. */
    public Map<String, Object> producer() {
        Map<String, Object> p = common("producer");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Bounded waits: when Kafka is away the relay gives up on a batch and tries again later.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }

    private Map<String, Object> common(String role) {
        Map<String, Object> m = new HashMap<>();
        m.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        m.put(CommonClientConfigs.CLIENT_ID_CONFIG, serviceName + "-" + role);
        m.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
        return m;
    }
}
