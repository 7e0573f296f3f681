package io.documind.kit.outbox;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Claims a batch of pending rows under the relay lock ({@link OutboxRows#claim}), sends them, and in the same
 * transaction marks sent what Kafka acknowledged and counts what it refused ({@link OutboxParking}). A row is
 * marked sent only after its ack; a crash in between re-publishes it, which the consumers' event-id dedupe absorbs.
 *
 * <p>The producer is micronaut-kafka's, configured under
 * {@code kafka.producers.outbox.*} (idempotent, {@code acks=all}, bounded waits: see KitDefaults). It is a plain
 * {@link Producer}, not a declared {@code @KafkaClient} interface: each row has its own topic and key, and a batch
 * must wait for every ack and tell a passing failure ({@link RetriableException}: keep the row pending) from a
 * refusal (count it, park it), which the raw futures give as they are while a client interface wraps them; and {@link Producer#flush()} sends the batch at
 * once instead of after {@code linger.ms}. Values are the payload text as stored (UTF-8 by StringSerializer, as
 * the consumers read it).
 */
@Singleton
public class OutboxPublisher {

    /** Advisory lock key shared by every instance of one service (each service has its own database). */
    static final long RELAY_LOCK = 0x0D0C_4D1D_0000_0001L;
    /** Longest a stopping service gives the producer to hand over what it still holds (the outbox keeps it anyway). */
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(5);

    private final Producer<String, String> producer;
    private final OutboxRows rows;
    private final OutboxParking parking;
    private final TransactionOperations<Connection> transactions;
    private final int batchSize;
    /** Past {@code delivery.timeout.ms} (30 s) every send has an outcome; this only guards against a stuck client. */
    private final Duration ackPatience;

    public OutboxPublisher(@KafkaClient("outbox") Producer<String, String> producer, OutboxRows rows,
                           OutboxParking parking, TransactionOperations<Connection> transactions,
                           OutboxConfiguration config) {
        this.producer = producer;
        this.rows = rows;
        this.parking = parking;
        this.transactions = transactions;
        this.batchSize = config.getBatchSize();
        this.ackPatience = config.getMaxBackoff().plusSeconds(30);
    }

    /**
     * Publishes until nothing is pending, another instance holds the relay lock, or {@code keepGoing} says stop.
     *
     * @return how many rows it claimed
     * @throws KafkaUnavailableException after committing what was acknowledged; the rest waits, pending
     */
    public int publishPending(BooleanSupplier keepGoing) {
        int claimed = 0;
        int batch = batchSize;
        while (batch == batchSize && keepGoing.getAsBoolean()) { // a full batch: more may be waiting
            batch = publishBatch();
            claimed += batch;
        }
        return claimed;
    }

    /** One batch in one transaction; returns how many rows it claimed (0: none pending, or the lock is elsewhere). */
    public int publishBatch() {
        Batch batch = transactions.executeWrite(status -> publish(rows.claim(RELAY_LOCK, batchSize)));
        if (batch.unavailable() != null) {
            throw batch.unavailable();
        }
        return batch.claimed();
    }

    /**
     * Sends the batch in order and marks what Kafka acknowledged. A send that fails at once (the producer had no
     * metadata for the topic and gave up waiting for it, a record too large) must not be overtaken by a later row of
     * the same organization: Kafka orders only what it was handed in order, and a consumer applies events as they
     * come. So after a passing failure nothing more of the batch is sent (Kafka is away: every send would wait out
     * {@code max.block.ms}), and after a refusal of the record itself nothing more of that row's key; the rows not
     * sent stay pending. Such a refusal also ends the pass with a pause, so the refused row's attempts (and its
     * organization's wait) are spread over seconds.
     */
    private Batch publish(List<OutboxRow> claimed) {
        if (claimed.isEmpty()) {
            return new Batch(0, null);
        }
        Set<String> failedKeys = ConcurrentHashMap.newKeySet();
        AtomicBoolean away = new AtomicBoolean();
        List<Future<RecordMetadata>> sends = new ArrayList<>(claimed.size());
        for (OutboxRow row : claimed) {
            if (away.get()) {
                break;
            }
            String key = keyOf(row);
            if (failedKeys.contains(key)) {
                sends.add(null); // held back behind its organization's failed row
                continue;
            }
            sends.add(producer.send(new ProducerRecord<>(row.topic(), row.recordKey(), row.payload()),
                    (metadata, failure) -> {
                        if (failure != null) {
                            failedKeys.add(key);
                            if (!refusesTheRecord(failure)) {
                                away.set(true);
                            }
                        }
                    }));
        }
        producer.flush();
        List<Long> sent = new ArrayList<>(sends.size());
        KafkaUnavailableException unavailable = null;
        Throwable refusal = null;
        for (int i = 0; i < sends.size() && !Thread.currentThread().isInterrupted(); i++) {
            OutboxRow row = claimed.get(i);
            Future<RecordMetadata> send = sends.get(i);
            if (send == null) {
                continue;
            }
            try {
                send.get(ackPatience.toMillis(), TimeUnit.MILLISECONDS);
                sent.add(row.id());
            } catch (ExecutionException e) {
                if (refusesTheRecord(e.getCause())) {
                    parking.refused(row, e.getCause());
                    refusal = e.getCause();
                } else {
                    unavailable = new KafkaUnavailableException(e.getCause() instanceof RetriableException
                            ? "Kafka unavailable" : "Kafka takes no records now", e.getCause());
                }
            } catch (TimeoutException e) {
                unavailable = new KafkaUnavailableException("Kafka did not acknowledge in time", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the stop ran out of time: keep what was acknowledged
                unavailable = new KafkaUnavailableException("stopped before Kafka acknowledged every row", e);
            }
        }
        if (!sent.isEmpty()) {
            rows.markSent(sent);
        }
        if (unavailable == null && refusal != null) {
            unavailable = new KafkaUnavailableException("Kafka refused a record; the rows after it of the same key "
                    + "wait, and the relay pauses before trying again", refusal);
        }
        return new Batch(claimed.size(), unavailable);
    }

    /**
     * A refusal of this record itself, which sending it again cannot change: counted towards parking it. Anything
     * else that is not retriable (no authorization for the topic, an unknown server error) refuses every record
     * alike; counting it would park every pending row for an operator's configuration mistake, so those rows wait.
     * (A serializer's failure never gets here: {@code send} throws it itself, and the stored text always serializes.)
     */
    private static boolean refusesTheRecord(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof InvalidRecordException
                || failure instanceof RecordBatchTooLargeException;
    }

    /** Rows of one key are one organization's (or the platform's): their order is what must hold. */
    private static String keyOf(OutboxRow row) {
        return row.topic() + "\u0000" + (row.recordKey() == null ? "" : row.recordKey());
    }

    /**
     * After the relay (which uses this) has stopped: a bounded close, where micronaut-kafka's own would wait for as
     * long as a dead broker leaves records unsent. Closing twice is harmless.
     */
    @PreDestroy
    void close() {
        producer.close(CLOSE_PATIENCE);
    }

    private record Batch(int claimed, KafkaUnavailableException unavailable) {
    }
}
