package io.documind.kit;

import io.documind.kit.consumer.ConsumerConfiguration;
import io.documind.localstack.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The retry settings a configuration class inherits bind under that class's prefix, with its own defaults. */
class RetrySettingsTest {

    @Test
    void theConsumersRetrySettingsBindUnderDocumindConsumer() {
        Map<String, Object> properties = KitContext.properties(TestInfrastructure.kafka());
        properties.put("documind.consumer.enabled", false);
        properties.put("documind.outbox.relay-enabled", false);
        properties.put("documind.consumer.max-attempts", 7);
        properties.put("documind.consumer.initial-backoff", "50ms");
        try (ApplicationContext context = KitContext.start(properties)) {
            ConsumerConfiguration config = context.getBean(ConsumerConfiguration.class);
            assertEquals(7, config.getMaxAttempts());
            assertEquals(Duration.ofMillis(50), config.getInitialBackoff());
            assertEquals(Duration.ofSeconds(10), config.getMaxBackoff(), "the consumer's own default");
        }
    }
}
