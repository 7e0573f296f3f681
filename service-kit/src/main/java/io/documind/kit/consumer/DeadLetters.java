package io.documind.kit.consumer;

import io.documind.contracts.Topics;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Moves a record that can never be applied to {@code <topic>.dlt}, unchanged, with headers saying why. */
@Singleton
public class DeadLetters {

    public static final String HEADER_REASON = "dlt.reason";
    public static final String HEADER_CONSUMER = "dlt.consumer";
    public static final String HEADER_ORIGIN = "dlt.origin";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private final Producer<String, byte[]> producer;

    public DeadLetters(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** Returns once Kafka has the dead letter; throws if it could not be stored (the record is then retried). */
    public void send(ConsumerRecord<String, byte[]> record, String consumer, Throwable reason) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(HEADER_REASON, bytes(reason.getClass().getSimpleName() + ": " + reason.getMessage()));
        headers.add(HEADER_CONSUMER, bytes(consumer));
        headers.add(HEADER_ORIGIN, bytes(record.topic() + "/" + record.partition() + "@" + record.offset()));
        String topic = Topics.deadLetterOf(record.topic());
        try {
            producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)).get(30, TimeUnit.SECONDS);
            LOG.warn("Dead-lettered {}/{}@{} to {}: {}", record.topic(), record.partition(), record.offset(), topic,
                    reason.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not dead-letter " + record.topic() + "@" + record.offset(), e);
        }
    }

    private static byte[] bytes(String s) {
        return String.valueOf(s).getBytes(StandardCharsets.UTF_8);
    }
}
