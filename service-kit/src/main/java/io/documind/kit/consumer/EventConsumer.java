package io.documind.kit.consumer;

import io.documind.contracts.events.EventCatalog;
import io.documind.kit.Backoff;
import io.documind.kit.events.DecodedEvent;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.kit.events.InvalidEventException;
import io.documind.kit.kafka.KafkaSettings;
import io.documind.kit.observability.EventMetrics;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The service's one Kafka consumer: subscribes to the topics its {@link EventHandler}s need and applies each
 * record through {@link EventApplier}. A record that cannot be read, or whose handler keeps failing for a
 * reason of its own, goes to the dead-letter topic after bounded retries with backoff, so it never stops
 * its partition. An outage (database away) is retried until it ends. Offsets are committed after the
 * effects, so a crash redelivers, and the event-id claim makes the redelivery harmless.
 */
@Context
public class EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);

    private final Map<String, List<EventHandler<?>>> handlersByType = new HashMap<>();
    private final Set<String> topics = new TreeSet<>();
    private final KafkaSettings settings;
    private final ConsumerConfiguration config;
    private final EnvelopeCodec codec;
    private final EventApplier applier;
    private final DeadLetters deadLetters;
    private final Backoff backoff;
    private final EventMetrics metrics;
    private final String group;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread worker;

    public EventConsumer(List<EventHandler<?>> handlers, KafkaSettings settings, ConsumerConfiguration config,
                         EnvelopeCodec codec, EventApplier applier, DeadLetters deadLetters, EventMetrics metrics) {
        this.metrics = metrics;
        this.settings = settings;
        this.config = config;
        this.codec = codec;
        this.applier = applier;
        this.deadLetters = deadLetters;
        this.backoff = new Backoff(config.getInitialBackoff(), config.getMaxBackoff());
        this.group = config.getGroupId() != null ? config.getGroupId() : settings.serviceName();
        for (EventHandler<?> handler : handlers) {
            var type = EventCatalog.of(handler.eventType());
            handlersByType.computeIfAbsent(type.name(), k -> new ArrayList<>()).add(handler);
            topics.add(type.topic());
        }
    }

    @PostConstruct
    void start() {
        if (!config.isEnabled() || topics.isEmpty()) {
            LOG.info("No event consumer (enabled={}, handled types={})", config.isEnabled(), handlersByType.keySet());
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("event-consumer").daemon().start(this::run);
        LOG.info("Consuming {} as group '{}' for {}", topics, group, handlersByType.keySet());
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (worker != null) {
            // wakeup() ends a poll; the loop then leaves the group cleanly. Interrupt only a worker that hangs,
            // since an interrupt during close() skips leaving the group (a slower rebalance for the others).
            if (!worker.join(Duration.ofSeconds(15))) {
                worker.interrupt();
                worker.join(Duration.ofSeconds(5));
            }
        }
    }

    private void run() {
        int failures = 0;
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(settings.consumer(group))) {
                consumer = c;
                c.subscribe(topics);
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        processBatch(c, records);
                    }
                    metrics.consumerLag(c.assignment().stream().mapToLong(p -> c.currentLag(p).orElse(0)).sum());
                    failures = 0;
                }
            } catch (WakeupException | InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                failures++;
                LOG.warn("Event consumer failed ({}); restarting", e.toString());
                try {
                    pause(backoff.delay(failures));
                } catch (InterruptedException stopped) {
                    return;
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void processBatch(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records)
            throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        boolean stalled = false;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                try {
                    process(record);
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                } catch (InterruptedException e) {
                    commit(c, done); // stopping: keep what was applied, so the next owner starts after it
                    throw e;
                } catch (RuntimeException e) {
                    // Could not even dead-letter it (Kafka away?): read it again from here later.
                    LOG.warn("Could not finish {}@{}; will retry: {}", partition, record.offset(), e.toString());
                    c.seek(partition, record.offset());
                    stalled = true;
                    break;
                }
            }
        }
        commit(c, done);
        if (stalled) {
            pause(config.getMaxBackoff());
        }
    }

    private static void commit(KafkaConsumer<String, byte[]> c, Map<TopicPartition, OffsetAndMetadata> done) {
        try {
            if (!done.isEmpty()) {
                c.commitSync(done);
            }
        } catch (CommitFailedException e) {
            LOG.info("Offsets not committed after a rebalance; the new owner re-reads (harmlessly): {}", e.getMessage());
        }
    }

    private void process(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        DecodedEvent event;
        try {
            event = codec.read(record.topic(), record.value());
        } catch (InvalidEventException e) {
            deadLetters.send(record, group, e);
            metrics.deadLettered(record.topic());
            return;
        }
        List<EventHandler<?>> handlers = handlersByType.get(event.type().name());
        if (handlers == null) {
            return; // a type this service does not react to
        }
        for (int attempt = 1; ; attempt++) {
            try {
                boolean applied = applier.apply(group, event, handlers);
                metrics.consumed(event.type().name(), applied ? "applied" : "duplicate");
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    throw new InterruptedException("stopping");
                }
                boolean outage = Failures.isTransient(e);
                if (!outage && attempt >= config.getMaxAttempts()) {
                    deadLetters.send(record, group, e);
                    metrics.deadLettered(record.topic());
                    return;
                }
                Duration pause = backoff.delay(attempt);
                LOG.warn("{} {} failed (attempt {}, {}); retrying in {} ms", event.type().name(), event.id(), attempt,
                        outage ? "outage" : "handler error", pause.toMillis(), e);
                pause(pause);
            }
        }
    }

    private void pause(Duration pause) throws InterruptedException {
        if (running) {
            Thread.sleep(pause);
        }
    }
}
