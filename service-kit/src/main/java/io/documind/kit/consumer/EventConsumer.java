package io.documind.kit.consumer;

import io.documind.contracts.events.EventCatalog;
import io.documind.kit.Backoff;
import io.documind.kit.events.DecodedEvent;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.kit.events.InvalidEventException;
import io.documind.kit.kafka.KafkaSettings;
import io.documind.kit.observability.EventMetrics;
import io.documind.kit.lifecycle.BackgroundWorker;
import io.documind.kit.lifecycle.Shutdown;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * The service's one Kafka consumer: subscribes to the topics its {@link EventHandler}s need and applies each
 * record through {@link EventApplier}. A record that cannot be read, or whose handler keeps failing for a
 * reason of its own, goes to the dead-letter topic after bounded retries with backoff, so it never stops
 * its partition. An outage (database away) is retried until it ends. Offsets are committed after the
 * effects, so a crash redelivers, and the event-id claim makes the redelivery harmless.
 *
 * <p>With several instances in one group, partitions move between them: applied offsets are committed before
 * a partition is handed over (and again after a rebalance that refused a commit), so the next owner starts
 * after them. A stop ({@link #shutdownGracefully()}) applies nothing more once the record in hand is done,
 * commits what was applied and leaves the group, so its partitions move to the others at once.
 */
@Context
public class EventConsumer implements GracefulShutdownCapable {

    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** Leaving the group is one request; a broker that does not answer must not hold up the stop. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** Longest the closing phase of a stop waits for a consumer the graceful phase did not end. */
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

    private final Map<String, List<EventHandler<?>>> handlersByType = new HashMap<>();
    private final Set<String> topics = new TreeSet<>();
    private final KafkaSettings settings;
    private final ConsumerConfiguration config;
    private final EnvelopeCodec codec;
    private final EventApplier applier;
    private final DeadLetters deadLetters;
    private final Backoff backoff;
    private final EventMetrics metrics;
    private final Shutdown shutdown;
    private final String group;
    private final BackgroundWorker worker = new BackgroundWorker("event-consumer");
    /** Applied but not yet committed, by partition; touched only by the worker thread (callbacks included). */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private int failures;

    public EventConsumer(List<EventHandler<?>> handlers, KafkaSettings settings, ConsumerConfiguration config,
                         EnvelopeCodec codec, EventApplier applier, DeadLetters deadLetters, EventMetrics metrics,
                         Shutdown shutdown) {
        this.metrics = metrics;
        this.settings = settings;
        this.config = config;
        this.codec = codec;
        this.applier = applier;
        this.deadLetters = deadLetters;
        this.shutdown = shutdown;
        this.backoff = config.backoff();
        this.group = config.getGroupId() != null ? config.getGroupId() : settings.serviceName();
        // Stable sort: an Ordered handler (the kit's authority floors) runs before a service's own handlers of the
        // same event, whatever those do to the transaction afterwards (document-service's SET LOCAL ROLE).
        List<EventHandler<?>> ordered = new ArrayList<>(handlers);
        OrderUtil.sort(ordered);
        for (EventHandler<?> handler : ordered) {
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
        worker.start(this::run);
        LOG.info("Consuming {} as group '{}' for {}", topics, group, handlersByType.keySet());
    }

    /** The graceful phase of a stop: finish the record in hand, commit what was applied, leave the group. */
    @Override
    public CompletionStage<?> shutdownGracefully() {
        return worker.stopGracefully();
    }

    /**
     * The closing phase, for a consumer the graceful phase did not end: woken from its Kafka call, and interrupted
     * only if it still hangs, since an interrupt during close() skips leaving the group (a slower rebalance).
     */
    @PreDestroy
    void stop() throws InterruptedException {
        worker.stopGracefully();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        worker.stopNow(shutdown.patience(STOP_PATIENCE));
    }

    private void run() {
        while (worker.isRunning()) {
            try {
                consume();
            } catch (WakeupException | InterruptException | InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!worker.isRunning()) {
                    return;
                }
                failures++;
                Duration pause = backoff.delay(failures);
                LOG.warn("Event consumer failed ({}); restarting in {} ms", e.toString(), pause.toMillis());
                try {
                    worker.pause(pause);
                } catch (InterruptedException stopped) {
                    return;
                }
            }
        }
    }

    /** One consumer, from joining the group until a stop or a failure; it always leaves the group. */
    private void consume() throws InterruptedException {
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(
                settings.consumer(group, config.getInstanceId(), config.getSessionTimeout()));
        consumer = c;
        try {
            c.subscribe(topics, new CommitBeforeHandingOver(c));
            while (worker.isRunning()) {
                ConsumerRecords<String, byte[]> records = c.poll(POLL);
                commit(c); // what a rebalance kept from being committed, now that it is over
                if (!records.isEmpty()) {
                    processBatch(c, records);
                }
                metrics.consumerLag(c.assignment().stream().mapToLong(p -> c.currentLag(p).orElse(0)).sum());
                failures = 0;
            }
        } finally {
            consumer = null;
            try {
                // Leaving the group revokes the partitions, which commits what is still uncommitted. A static
                // member stays in its group on close by default; this one leaves, so a stop hands its partitions
                // over at once instead of after the session timeout (a restart rejoins just as fast either way).
                c.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            } catch (RuntimeException e) {
                LOG.info("Event consumer did not close cleanly: {}", e.toString());
            }
            uncommitted.clear();
            if (!worker.isRunning()) {
                LOG.info("Event consumer stopped and left group '{}'", group);
            }
        }
    }

    private void processBatch(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records)
            throws InterruptedException {
        boolean stalled = false;
        batch:
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (!worker.isRunning()) {
                    break batch; // stopping: what is left of the batch is the next owner's
                }
                try {
                    process(record);
                    uncommitted.put(partition, new OffsetAndMetadata(record.offset() + 1));
                } catch (InterruptedException e) {
                    commit(c); // stopping: keep what was applied, so the next owner starts after it
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
        commit(c);
        if (stalled) {
            worker.pause(config.getMaxBackoff());
        }
    }

    private void commit(KafkaConsumer<String, byte[]> c) {
        if (uncommitted.isEmpty()) {
            return;
        }
        try {
            commitSync(c, new HashMap<>(uncommitted));
            uncommitted.clear();
        } catch (RebalanceInProgressException e) {
            // Kept: committed once the rebalance is over, or before the partition is handed over.
            LOG.debug("Commit deferred by a rebalance in progress");
        } catch (CommitFailedException e) {
            uncommitted.clear();
            LOG.info("Offsets not committed after a rebalance; the new owner re-reads (harmlessly): {}", e.getMessage());
        }
    }

    private static void commitSync(KafkaConsumer<String, byte[]> c, Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            c.commitSync(offsets);
        } catch (WakeupException e) {
            c.commitSync(offsets); // the closing phase's wakeup, meant for a poll, fires once
        }
    }

    /** Called inside poll() and close(), on the worker thread. */
    private final class CommitBeforeHandingOver implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> c;

        CommitBeforeHandingOver(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>(uncommitted);
            applied.keySet().retainAll(partitions);
            if (!applied.isEmpty()) {
                try {
                    commitSync(c, applied);
                } catch (KafkaException e) {
                    LOG.info("Offsets not committed before handing over {}; the new owner re-reads (harmlessly): {}",
                            applied.keySet(), e.toString());
                }
            }
            uncommitted.keySet().removeAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // nothing to do: positions come from the group's committed offsets
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            uncommitted.keySet().removeAll(partitions); // already someone else's: too late to commit
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
                if (!worker.isRunning()) {
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
                worker.pause(pause);
            }
        }
    }
}
