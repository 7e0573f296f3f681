package io.documind.kit.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event pipeline's own metrics, on /prometheus of every service:
 * {@code documind_outbox_pending}, {@code documind_outbox_oldest_pending_age_seconds}, {@code documind_outbox_parked},
 * {@code documind_consumer_lag}, {@code documind_consumer_events_total{outcome=applied|duplicate}},
 * {@code documind_consumer_dead_lettered_total}; and where an event's time goes once published:
 * {@code documind_consumer_delay_seconds{type}} (the record's Kafka timestamp to its handling: delivery and queueing),
 * {@code documind_consumer_apply_seconds{type}} (the handlers' transaction), {@code documind_consumer_commit_seconds}
 * (the offset commit each event waits for before the next is read).
 */
@Singleton
public class EventMetrics {

    /** A few buckets, so that a p99 against a latency target can be read without a histogram per event type. */
    private static final Duration[] SLO_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1)};

    private final MeterRegistry registry;
    private final AtomicLong outboxPending = new AtomicLong();
    private final AtomicLong outboxOldestAgeSeconds = new AtomicLong();
    private final AtomicLong outboxParked = new AtomicLong();
    private final AtomicLong consumerLag = new AtomicLong();
    private final Timer commits;

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
        commits = Timer.builder("documind.consumer.commit").serviceLevelObjectives(SLO_BUCKETS)
                .description("Offset commits, one per event, each before the next event is read").register(registry);
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

    /**
     * An event reached its handlers {@code delayMillis} after its record's Kafka timestamp (the producer's clock:
     * skewed clocks across hosts can make it negative, counted as 0), and they took {@code applyNanos}.
     */
    public void handled(String type, long delayMillis, long applyNanos) {
        Timer.builder("documind.consumer.delay").tag("type", type).serviceLevelObjectives(SLO_BUCKETS)
                .description("From an event's Kafka timestamp until its handling begins").register(registry)
                .record(Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        Timer.builder("documind.consumer.apply").tag("type", type).serviceLevelObjectives(SLO_BUCKETS)
                .description("An event's handlers, in their transaction").register(registry)
                .record(applyNanos, TimeUnit.NANOSECONDS);
    }

    public void committed(long nanos) {
        commits.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void deadLettered(String topic) {
        Counter.builder("documind.consumer.dead.lettered").tag("topic", topic)
                .description("Records moved to a dead-letter topic").register(registry).increment();
    }
}
