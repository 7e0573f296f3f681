package io.documind.kit.kafka;

import io.documind.kit.consumer.ConsumerConfiguration;
import io.micronaut.configuration.kafka.KafkaConsumerFactory;
import io.micronaut.configuration.kafka.config.AbstractKafkaConsumerConfiguration;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Replaces;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The consumers of the services' {@code @KafkaListener}s, in place of micronaut-kafka's own factory for two things it
 * cannot be configured to do:
 * <ul>
 *   <li>Kafka settings computed from ours: static membership ({@code group.instance.id}) only when this instance has an
 *       id (an empty one is refused by the broker), and a heartbeat every third of the session timeout.</li>
 *   <li>Closing leaves the group. A static member stays in its group on a plain {@code close()}, so its partitions
 *       would wait for the session timeout; a stop hands them over at once (a restart rejoins as fast either way).</li>
 * </ul>
 * It also knows the consumers still open, so a graceful stop can wake them and wait until they have closed.
 */
@Factory
public class ListenerConsumers {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerConsumers.class);
    /** Leaving the group is one request; a broker that does not answer must not hold up the stop. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final ConsumerConfiguration settings;
    private final Set<Closing<?, ?>> open = ConcurrentHashMap.newKeySet();

    public ListenerConsumers(ConsumerConfiguration settings) {
        this.settings = settings;
    }

    @Prototype
    @Replaces(factory = KafkaConsumerFactory.class, bean = Consumer.class)
    public <K, V> Consumer<K, V> createConsumer(@Parameter AbstractKafkaConsumerConfiguration<K, V> configuration) {
        Properties config = configuration.getConfig();
        if (settings.getInstanceId() != null) {
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, settings.getInstanceId());
            config.put(CommonClientConfigs.CLIENT_ID_CONFIG,
                    config.getProperty(CommonClientConfigs.CLIENT_ID_CONFIG, "consumer") + "-" + settings.getInstanceId());
        }
        int session = (int) settings.getSessionTimeout().toMillis();
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, session);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, session / 3);
        Closing<K, V> consumer = new Closing<>(config, configuration);
        open.add(consumer);
        return consumer;
    }

    /** Wakes every open consumer (its listener thread then closes it) and completes once all have closed. */
    public CompletableFuture<Void> closeAll() {
        List<CompletableFuture<Void>> closed = new ArrayList<>();
        for (Closing<?, ?> consumer : open) {
            closed.add(consumer.closed);
            consumer.wakeup();
        }
        return CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new));
    }

    private final class Closing<K, V> extends KafkaConsumer<K, V> {
        private final CompletableFuture<Void> closed = new CompletableFuture<>();

        Closing(Properties config, AbstractKafkaConsumerConfiguration<K, V> configuration) {
            super(config, configuration.getKeyDeserializer().orElse(null),
                    configuration.getValueDeserializer().orElse(null));
        }

        @Override
        public void close() {
            try {
                close(CloseOptions.timeout(CLOSE_TIMEOUT)
                        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            } catch (RuntimeException e) {
                LOG.info("Event consumer did not close cleanly: {}", e.toString());
            } finally {
                open.remove(this);
                closed.complete(null);
            }
        }

        @Override
        public void wakeup() {
            if (!closed.isDone()) { // micronaut-kafka wakes its consumers once more when the context closes
                super.wakeup();
            }
        }
    }
}
