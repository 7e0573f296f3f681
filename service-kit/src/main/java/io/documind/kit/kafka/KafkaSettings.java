package io.documind.kit.kafka;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Client settings every service shares; bootstrap servers come from {@code kafka.bootstrap.servers}. */
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

    /**
     * The classic group protocol with a short session and, given an instance id, static membership: both work with
     * any broker's defaults. KIP-848's protocol would move the session timeout to the broker (45 s unless the
     * operator lowers {@code group.consumer.session.timeout.ms}), which is the very wait this avoids.
     */
    public Map<String, Object> consumer(String groupId, String instanceId, Duration sessionTimeout) {
        Map<String, Object> c = common("consumer");
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        if (instanceId != null) {
            c.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
            c.put(CommonClientConfigs.CLIENT_ID_CONFIG, serviceName + "-consumer-" + instanceId);
        }
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.toMillis() / 3);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return c;
    }

    public Map<String, Object> admin() {
        Map<String, Object> a = common("admin");
        a.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        a.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        return a;
    }

    private Map<String, Object> common(String role) {
        Map<String, Object> m = new HashMap<>();
        m.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        m.put(CommonClientConfigs.CLIENT_ID_CONFIG, serviceName + "-" + role);
        m.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
        return m;
    }
}
