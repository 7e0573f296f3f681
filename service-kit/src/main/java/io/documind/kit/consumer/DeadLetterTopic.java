package io.documind.kit.consumer;

import io.documind.contracts.Topics;
import io.micronaut.configuration.kafka.ProducerRegistry;
import io.micronaut.configuration.kafka.exceptions.DefaultKafkaListenerExceptionHandler;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where a record the listener gave up on goes: micronaut-kafka calls its exception handler once the error strategy
 * has no retry left (or decided on none, {@link RetryOrDeadLetter}), and then reads on; it has no dead-letter topic of
 * its own. This one moves the record to {@code <topic>.dlt}, unchanged, with headers saying why, and commits past it,
 * so a poison record never stops its partition. If Kafka does not take the dead letter, the partition is held at the
 * record and it is tried again later: nothing is skipped unrecorded.
 */
@Singleton
@Replaces(DefaultKafkaListenerExceptionHandler.class)
public class DeadLetterTopic implements KafkaListenerExceptionHandler {

    public static final String HEADER_REASON = "dlt.reason";
    public static final String HEADER_CONSUMER = "dlt.consumer";
    public static final String HEADER_ORIGIN = "dlt.origin";
    /** Set when the dead letter carries neither value nor the record's headers: whole, it was over Kafka's limit. */
    public static final String HEADER_VALUE_DROPPED = "dlt.value-dropped";
    static final int MAX_REASON_CHARS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterTopic.class);
    private static final int SEND_TIMEOUT_SECONDS = 30;

    private final ProducerRegistry producers;
    private final EventDelivery delivery;
    private final PartitionHolds holds;
    private final ConsumerConfiguration config;

    public DeadLetterTopic(ProducerRegistry producers, EventDelivery delivery, PartitionHolds holds,
                           ConsumerConfiguration config) {
        this.producers = producers;
        this.delivery = delivery;
        this.holds = holds;
        this.config = config;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void handle(KafkaListenerException exception) {
        Throwable reason = exception.getCause() != null ? exception.getCause() : exception;
        ConsumerRecord<?, ?> failed = exception.getConsumerRecord().orElse(null);
        // A record without a value (a tombstone) is a record too: it is moved like any other that holds no event.
        if (failed == null || failed.value() != null && !(failed.value() instanceof byte[])) {
            // Not about one record (a failed commit, a poll): nothing to move; the consumer goes on.
            LOG.warn("Event listener error: {}", reason.toString());
            return;
        }
        ConsumerRecord<String, byte[]> record = (ConsumerRecord<String, byte[]>) failed;
        Consumer<?, ?> consumer = exception.getKafkaConsumer();
        try {
            send(record, reason);
        } catch (RuntimeException e) {
            LOG.warn("Could not dead-letter {}/{}@{}; will retry: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
            holds.hold(consumer, record, config.getMaxBackoff());
            return;
        }
        delivery.deadLettered(consumer, record);
    }

    /** Returns once Kafka has the dead letter; throws if it could not be stored. */
    private void send(ConsumerRecord<String, byte[]> record, Throwable reason) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(HEADER_REASON, bytes(reasonOf(reason)));
        headers.add(HEADER_CONSUMER, bytes(config.getGroupId()));
        headers.add(HEADER_ORIGIN, bytes(record.topic() + "/" + record.partition() + "@" + record.offset()));
        String topic = Topics.deadLetterOf(record.topic());
        try {
            try {
                store(new ProducerRecord<>(topic, null, record.key(), record.value(), headers));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RecordTooLargeException)) {
                    throw e;
                }
                // Too large for the dead-letter topic's limit (the record filled its own topic's, and our headers
                // took it over; or that topic takes less): Kafka would refuse it for ever, holding the partition at
                // a poison record. It goes with only its key and our headers; its value and headers stay readable at
                // its origin for as long as that topic keeps them. New headers: the producer closes a record's
                // headers to changes once it has taken the record.
                Headers ours = new RecordHeaders();
                for (String name : List.of(HEADER_REASON, HEADER_CONSUMER, HEADER_ORIGIN)) {
                    ours.add(headers.lastHeader(name));
                }
                int size = record.value() == null ? 0 : record.value().length;
                ours.add(HEADER_VALUE_DROPPED, bytes(size + " bytes of value, and the record's headers: too large to "
                        + "dead-letter whole; read them at " + HEADER_ORIGIN));
                store(new ProducerRecord<>(topic, null, record.key(), null, ours));
                LOG.warn("Dead-lettered {}/{}@{} to {} without its value and headers (too large whole): {}",
                        record.topic(), record.partition(), record.offset(), topic, reason.getMessage());
                return;
            }
            LOG.warn("Dead-lettered {}/{}@{} to {}: {}", record.topic(), record.partition(), record.offset(), topic,
                    reason.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not dead-letter " + record.topic() + "@" + record.offset(), e);
        }
    }

    private void store(ProducerRecord<String, byte[]> deadLetter)
            throws ExecutionException, InterruptedException, TimeoutException {
        Producer<String, byte[]> producer = producers.getProducer("dead-letters", Argument.STRING,
                Argument.of(byte[].class));
        producer.send(deadLetter).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * The reason header, at most {@link #MAX_REASON_CHARS}: a schema's complaints about a large record can run to
     * megabytes, which would make the dead letter too large to store.
     */
    static String reasonOf(Throwable reason) {
        String text = reason.getClass().getSimpleName() + ": " + reason.getMessage();
        return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "...";
    }

    private static byte[] bytes(String s) {
        return String.valueOf(s).getBytes(StandardCharsets.UTF_8);
    }
}
