package io.documind.kit.observability;

import io.documind.kit.KitContext;
import io.documind.localstack.testing.TestInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code DOCUMIND_METRICS_KAFKA_CLIENTS} as a service reads it: the registry of a started context keeps or drops a
 * {@code kafka.*} meter by the switch, read as a boolean whatever its case ({@code TRUE} once left them out).
 */
class KafkaClientMetersSwitchTest {

    @ParameterizedTest
    @CsvSource({"TRUE,true", "true,true", "on,true", "false,false", "'',false"})
    void theRegistryKeepsKafkaClientMetersOnlyWhenSwitchedOn(String setting, boolean kept) {
        Map<String, Object> properties = KitContext.properties(TestInfrastructure.kafka());
        properties.put("documind.outbox.relay-enabled", false);
        if (!setting.isEmpty()) {
            properties.put("documind.metrics.kafka-clients", setting);
        }
        try (ApplicationContext context = KitContext.start(properties)) {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Counter.builder("kafka.producer.request-total").register(registry).increment();

            assertEquals(kept, registry.find("kafka.producer.request-total").counter() != null,
                    "documind.metrics.kafka-clients=" + setting);
        }
    }
}
