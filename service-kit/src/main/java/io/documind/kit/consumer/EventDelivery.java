package io.documind.kit.consumer;

import io.documind.contracts.events.EventCatalog;
import io.documind.kit.Backoff;
import io.documind.kit.events.DecodedEvent;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.kit.jdbc.DatabaseProbe;
import io.documind.kit.kafka.ListenerConsumers;
import io.documind.kit.observability.EventMetrics;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each service's {@code @KafkaListener} hands its records to: reads the envelope (a record that is not a valid
 * one throws {@link io.documind.kit.events.InvalidEventException}, which goes to the dead-letter topic), reads past a
 * type no handler here takes (unknown ones included: a newer producer's), and applies the event to the service's
 * {@link EventHandler}s through {@link EventApplier}, whose claim of the event id makes a
 * redelivery harmless.
 *
 * <p>Offsets: the listeners use {@code OffsetStrategy.DISABLED} and this class commits each record it is done with,
 * synchronously, before the next one: a stop or a crash then redelivers at most the record in hand. micronaut-kafka's
 * {@code SYNC_PER_RECORD} would commit after any normal return, including the outage hold below, where the record is
 * not applied.
 *
 * <p>Failures: a handler that fails for a reason of its own throws, and the listener's error strategy retries it with
 * exponential backoff a bounded number of times before {@link DeadLetterTopic} takes it. A database outage
 * ({@link Failures#isTransient}) is retried for as long as it lasts, with capped backoff, by holding the partition
 * ({@link PartitionHolds}) instead of throwing; a record that still meets one past {@code outage-ceiling} while the
 * database answers is failing for a reason of its own ({@link OutageRun}) and takes the bounded retries.
 *
 * <p>A stop ({@link #shutdownGracefully()}, Micronaut's graceful phase) applies nothing more once the record in hand is
 * done, commits it and closes the consumers, which leave their group so their partitions move at once.
 */
@Singleton
public class EventDelivery implements GracefulShutdownCapable {

    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);

    private final Map<String, List<EventHandler<?>>> handlersByType = new HashMap<>();
    private final Set<String> topics = new TreeSet<>();
    private final EnvelopeCodec codec;
    private final EventApplier applier;
    private final EventMetrics metrics;
    private final PartitionHolds holds;
    private final ListenerConsumers consumers;
    private final Backoff backoff;
    private final String group;
    /** The outage holds of each partition's record in hand, for the backoff and the ceiling; forgotten once done. */
    private final Map<TopicPartition, OutageRun> outages = new ConcurrentHashMap<>();
    private final DatabaseProbe database;
    private final Duration outageCeiling;
    private volatile boolean stopping;

    public EventDelivery(List<EventHandler<?>> handlers, ConsumerConfiguration config, EnvelopeCodec codec,
                         EventApplier applier, EventMetrics metrics, PartitionHolds holds, ListenerConsumers consumers,
                         DatabaseProbe database) {
        this.codec = codec;
        this.applier = applier;
        this.metrics = metrics;
        this.holds = holds;
        this.consumers = consumers;
        this.backoff = config.backoff();
        this.group = config.getGroupId();
        this.database = database;
        this.outageCeiling = config.getOutageCeiling();
        // Stable sort: an Ordered handler (the kit's authority floors) runs before a service's own handlers of the
        // same event, whatever those do to the transaction afterwards (document-service's SET LOCAL ROLE).
        List<EventHandler<?>> ordered = new ArrayList<>(handlers);
        OrderUtil.sort(ordered);
        for (EventHandler<?> handler : ordered) {
            var type = EventCatalog.of(handler.eventType());
            handlersByType.computeIfAbsent(type.name(), k -> new ArrayList<>()).add(handler);
            topics.add(type.topic());
        }
        LOG.info("Events handled as group '{}': {} from {}", group, handlersByType.keySet(), topics);
    }

    /** Applies the record's event once; called on the listener's consumer thread. */
    public void receive(ConsumerRecord<String, byte[]> record, Consumer<?, ?> consumer) {
        if (holds.skips(consumer, record)) {
            return; // after a held record of its partition: read again once the hold ends
        }
        if (stopping) {
            holds.hold(consumer, record, null); // the next owner starts here
            return;
        }
        long receivedMillis = System.currentTimeMillis();
        Optional<DecodedEvent> read = codec.read(record.topic(), record.value(), handlersByType::containsKey);
        if (read.isPresent()) {
            DecodedEvent event = read.get();
            List<EventHandler<?>> handlers = handlersByType.get(event.type().name());
            boolean applied;
            long started = System.nanoTime(); // the apply timer is the handlers' transaction, as its description says
            try {
                applied = applier.apply(group, event, handlers);
            } catch (RuntimeException e) {
                if (!Failures.isTransient(e)) {
                    throw e; // the error strategy retries it, then DeadLetterTopic takes it
                }
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                long now = System.nanoTime();
                OutageRun before = outages.get(partition); // a partition is only ever handled on its consumer's thread
                OutageRun.Judgement judged = (before == null ? OutageRun.first(record.offset(), now)
                        : before.next(record.offset(), now, outageCeiling)).judge(e, now, outageCeiling, database::answers);
                OutageRun run = judged.run();
                outages.put(partition, run);
                if (judged.theRecords()) {
                    LOG.error("{} {} has met what looks like an outage for {} s ({} attempts) while the database "
                                    + "answers: counted as the event's own failure (bounded retries, then the "
                                    + "dead-letter topic)", event.type().name(), event.id(),
                            Duration.ofNanos(now - run.sinceNanos()).toSeconds(), run.attempts(), e);
                    throw e;
                }
                var pause = backoff.delay(run.attempts());
                LOG.warn("{} {} met an outage (attempt {}); holding {} for {} ms", event.type().name(), event.id(),
                        run.attempts(), partition, pause.toMillis(), e);
                holds.hold(consumer, record, pause);
                return;
            }
            metrics.handled(event.type().name(), receivedMillis - record.timestamp(), System.nanoTime() - started);
            metrics.consumed(event.type().name(), applied ? "applied" : "duplicate");
        }
        done(consumer, record);
    }

    /** The record is in the dead-letter topic: read on past it. */
    void deadLettered(Consumer<?, ?> consumer, ConsumerRecord<?, ?> record) {
        metrics.deadLettered(record.topic());
        done(consumer, record);
    }

    /** Commits past the record (applied, or not for this service) before the next is read. */
    private void done(Consumer<?, ?> consumer, ConsumerRecord<?, ?> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        outages.remove(partition);
        Map<TopicPartition, OffsetAndMetadata> offset = Map.of(partition, new OffsetAndMetadata(record.offset() + 1));
        long started = System.nanoTime();
        try {
            try {
                consumer.commitSync(offset);
            } catch (WakeupException e) {
                // A stop's wake-up, meant for the poll, fires at the first blocking call: commit, and pass it on.
                consumer.commitSync(offset);
                consumer.wakeup();
            }
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The partition is being handed over: its next owner reads the record again, and skips it (claimed).
            LOG.info("{}@{} applied but not committed: {}", partition, record.offset(), e.toString());
        } catch (KafkaException e) {
            // The group coordinator away (a timeout), the instance fenced, the thread interrupted: the record is done
            // all the same (applied and claimed, or dead-lettered). Thrown from here, from inside micronaut-kafka's
            // error handling after a dead letter, it would leave the rest of the poll unread while the position is
            // past it, and the next commit that succeeds would skip those records for good. Reading on is safe: a
            // later commit covers this offset, and a redelivery is a duplicate the claim absorbs.
            if (e instanceof InterruptException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("{}@{} done but its offset not committed ({}); a later commit covers it", partition,
                    record.offset(), e.toString());
        }
        metrics.committed(System.nanoTime() - started);
        metrics.consumerLag(consumer.assignment().stream().mapToLong(p -> consumer.currentLag(p).orElse(0)).sum());
    }

    /** The graceful phase of a stop: finish the record in hand, commit it, close the consumers (leaving the group). */
    @Override
    public CompletionStage<?> shutdownGracefully() {
        stopping = true;
        return consumers.closeAll();
    }
}
