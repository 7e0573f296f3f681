package io.documind.kit.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The Kafka clients' mirrored metrics are not kept; every other meter is. */
class KafkaClientMetersTest {

    @Test
    void kafkaClientMetricsAreDroppedAndOthersKept() {
        MeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new KafkaClientMeters(false));

        Counter.builder("kafka.producer.request-total").tag("client-id", "org-service-outbox").register(registry)
                .increment();
        Counter.builder("kafka.consumer.fetch-manager.records-consumed-total").register(registry).increment();
        Counter.builder("documind.consumer.events").tag("outcome", "applied").register(registry).increment();
        Counter.builder("kafkaesque.total").register(registry).increment();

        assertNull(registry.find("kafka.producer.request-total").meter());
        assertNull(registry.find("kafka.consumer.fetch-manager.records-consumed-total").meter());
        assertNotNull(registry.find("documind.consumer.events").counter());
        assertEquals(1.0, registry.get("kafkaesque.total").counter().count(), "only the kafka. prefix is dropped");
    }

    @Test
    void switchedOnTheyAreKept() {
        MeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new KafkaClientMeters(true));

        Counter.builder("kafka.producer.request-total").register(registry).increment();

        assertEquals(1.0, registry.get("kafka.producer.request-total").counter().count());
    }
}
