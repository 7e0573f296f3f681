package io.documind.kit;

import io.documind.contracts.Topics;
import io.documind.kit.consumer.ConsumerConfiguration;
import io.documind.kit.consumer.ListenerCoverage;
import io.documind.localstack.testing.TestInfrastructure;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.config.AbstractKafkaConsumerConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The consumer's settings bind under {@code documind.consumer} with its own defaults, and reach a listener declared
 * with the kit's {@code @DocumindListener}: micronaut-kafka reads the {@code @KafkaListener} of the listener's method,
 * and finds there the stereotype's members (group, {@code DISABLED} offsets, the error strategy with its retry count
 * and first pause) and the class-level topics.
 */
class ConsumerSettingsTest {

    @Test
    void theConsumersRetrySettingsBindUnderDocumindConsumer() {
        Map<String, Object> properties = KitContext.properties(TestInfrastructure.kafka());
        properties.put("documind.outbox.relay-enabled", false);
        properties.put("documind.consumer.max-retries", 7);
        properties.put("documind.consumer.initial-backoff", "50ms");
        try (ApplicationContext context = KitContext.start(properties)) {
            ConsumerConfiguration config = context.getBean(ConsumerConfiguration.class);
            assertEquals(Duration.ofMillis(50), config.getInitialBackoff());
            assertEquals(Duration.ofSeconds(2), config.getMaxBackoff(), "the consumer's own default");
            assertEquals(Duration.ofSeconds(6), config.getSessionTimeout(), "the consumer's own default");

            AnnotationValue<KafkaListener> listener = context.getBeanDefinition(KitTestListener.class)
                    .getRequiredMethod("receive", org.apache.kafka.clients.consumer.ConsumerRecord.class,
                            org.apache.kafka.clients.consumer.Consumer.class)
                    .getAnnotation(KafkaListener.class);
            AnnotationValue<ErrorStrategy> retry = listener.getAnnotation("errorStrategy", ErrorStrategy.class).orElseThrow();
            assertEquals(7, retry.intValue("retryCount").orElseThrow());
            assertEquals(Duration.ofMillis(50), retry.get("retryDelay", Duration.class).orElseThrow());
            assertEquals(properties.get("documind.consumer.group-id"), listener.stringValue("groupId").orElseThrow());
            assertEquals(OffsetStrategy.DISABLED, listener.enumValue("offsetStrategy", OffsetStrategy.class).orElseThrow());
            assertEquals(ErrorStrategyValue.RETRY_CONDITIONALLY_EXPONENTIALLY_ON_ERROR,
                    retry.enumValue("value", ErrorStrategyValue.class).orElseThrow());
            assertEquals(Set.of(Topics.ORG_EVENTS), ListenerCoverage.subscribedTopics(context));
            // A listener keeps its topics while the broker is away, so it neither gives up its partitions nor
            // rejoins its group when the broker returns (KitDefaults; the producer's side: OutboxRelayTest).
            assertEquals("none", context.getBean(AbstractKafkaConsumerConfiguration.class, Qualifiers.byName("default"))
                    .getConfig().getProperty("metadata.recovery.strategy"));
        }
    }
}
