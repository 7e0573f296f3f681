package io.documind.kit.consumer;

import io.micronaut.configuration.kafka.ConsumerRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a record for later without committing past it and without blocking the consumer thread: the partition is
 * sought back to the record and paused through micronaut-kafka's {@link ConsumerRegistry} (a pause made on the
 * consumer itself would be undone after the next poll), then resumed after the given delay, or never when the
 * consumer is stopping. Used for a database outage, which micronaut-kafka's error strategies cannot retry for as long
 * as it lasts (their retry count is bounded and their exponential delay has no cap), and for a dead letter Kafka did
 * not take. A paused consumer keeps polling, so it stays in its group however long the hold.
 *
 * <p>The records of a held partition that the same poll already returned come to the listener all the same; it
 * skips them ({@link #skips}): the partition is read again from the held record.
 */
@Singleton
public class PartitionHolds {

    private final Map<TopicPartition, Long> heldAt = new ConcurrentHashMap<>();
    private final BeanProvider<ConsumerRegistry> consumers;
    private final TaskScheduler scheduler;

    // The registry is the processor that creates the listeners, which need this: looked up when first used.
    public PartitionHolds(BeanProvider<ConsumerRegistry> consumers, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.consumers = consumers;
        this.scheduler = scheduler;
    }

    /** Reads the record's partition again from the record after {@code delay}, or not at all when it is null. */
    public void hold(Consumer<?, ?> consumer, ConsumerRecord<?, ?> record, Duration delay) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        heldAt.put(partition, record.offset());
        consumer.seek(partition, record.offset());
        String id = idOf(consumer);
        if (id == null) {
            consumer.pause(Set.of(partition)); // not a registered listener's consumer: one poll's pause at least
            return;
        }
        consumers.get().pause(id, Set.of(partition));
        if (delay != null) {
            scheduler.schedule(delay, () -> consumers.get().resume(id, Set.of(partition)));
        }
    }

    /**
     * Whether the record is one the poll returned after a held one, to be skipped: its partition still stands at the
     * held record. Anything else ends the hold: the held record read again, or a partition that has moved on (handed
     * to another instance and back).
     */
    public boolean skips(Consumer<?, ?> consumer, ConsumerRecord<?, ?> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Long held = heldAt.get(partition);
        if (held == null) {
            return false;
        }
        if (record.offset() > held && consumer.position(partition) == held) {
            return true;
        }
        heldAt.remove(partition, held);
        return false;
    }

    private String idOf(Consumer<?, ?> consumer) {
        ConsumerRegistry registry = consumers.get();
        for (String id : registry.getConsumerIds()) {
            if (registry.getConsumer(id) == consumer) {
                return id;
            }
        }
        return null;
    }
}
