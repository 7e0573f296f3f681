package io.documind.kit.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The event pipeline's own metrics, on /prometheus of every service:
 * {@code documind_outbox_pending}, {@code documind_outbox_oldest_pending_age_seconds}, {@code documind_outbox_parked},
 * {@code documind_consumer_lag}, {@code documind_consumer_events_total{outcome=applied|duplicate}},
 * {@code documind_consumer_dead_lettered_total}.
 */
@Singleton
public class EventMetrics {

    private final MeterRegistry registry;
    private final AtomicLong outboxPending = new AtomicLong();
    private final AtomicLong outboxOldestAgeSeconds = new AtomicLong();
    private final AtomicLong outboxParked = new AtomicLong();
    private final AtomicLong consumerLag = new AtomicLong();

    public EventMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("documind.outbox.pending", outboxPending, AtomicLong::get)
                .description("Outbox events not yet published").register(registry);
        Gauge.builder("documind.outbox.oldest.pending.age.seconds", outboxOldestAgeSeconds, AtomicLong::get)
                .description("Age of the oldest unpublished outbox event").register(registry);
        Gauge.builder("documind.outbox.parked", outboxParked, AtomicLong::get)
                .description("Outbox events Kafka refused for good (need an operator)").register(registry);
        Gauge.builder("documind.consumer.lag", consumerLag, AtomicLong::get)
                .description("Records this instance's consumer is behind, summed over its partitions").register(registry);
    }

    public void outbox(long pending, long oldestAgeSeconds, long parked) {
        outboxPending.set(pending);
        outboxOldestAgeSeconds.set(oldestAgeSeconds);
        outboxParked.set(parked);
    }

    public void consumerLag(long lag) {
        consumerLag.set(lag);
    }

    public void consumed(String type, String outcome) {
        Counter.builder("documind.consumer.events").tag("type", type).tag("outcome", outcome)
                .description("Events seen by the consumer").register(registry).increment();
    }

    public void deadLettered(String topic) {
        Counter.builder("documind.consumer.dead.lettered").tag("topic", topic)
                .description("Records moved to a dead-letter topic").register(registry).increment();
    }
}
