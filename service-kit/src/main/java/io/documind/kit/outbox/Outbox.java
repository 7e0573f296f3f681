package io.documind.kit.outbox;

import io.documind.contracts.Topics;
import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.events.EventCatalog;
import io.documind.contracts.events.EventType;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.kit.events.EventEnvelope;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Records domain events in the caller's database transaction (DESIGN §6, outbox). Nothing here talks to
 * Kafka: {@link OutboxRelay} publishes committed rows, so an event exists if and only if its change does.
 */
@Singleton
public class Outbox {

    /** MDC key of the request's correlation id, carried into the envelope's {@code correlationid}. */
    public static final String CORRELATION_ID = "correlationId";

    private final TransactionOperations<Connection> transactions;
    private final EnvelopeCodec codec;
    private final Clock clock;
    private final List<AppendedEventEffect> effects;

    public Outbox(TransactionOperations<Connection> transactions, EnvelopeCodec codec,
                  List<AppendedEventEffect> effects) {
        this(transactions, codec, Clock.systemUTC(), effects);
    }

    Outbox(TransactionOperations<Connection> transactions, EnvelopeCodec codec, Clock clock,
           List<AppendedEventEffect> effects) {
        this.transactions = transactions;
        this.codec = codec;
        this.clock = clock;
        this.effects = List.copyOf(effects);
    }

    /** Appends an event whose subject is its organization. */
    public UUID append(DomainEvent event) {
        return append(event, event.organizationId());
    }

    /**
     * Appends an event; must run inside the transaction that makes the change it describes.
     *
     * @return the event id (the CloudEvents {@code id}, the consumers' idempotency key)
     */
    public UUID append(DomainEvent event, String subject) {
        requireTransaction(event);
        Entry entry = entry(event, subject);
        try (PreparedStatement insert = transactions.getConnection().prepareStatement(Entry.INSERT)) {
            entry.bind(insert, 1);
            insert.executeUpdate();
        } catch (SQLException e) {
            // As micronaut-data's own statements fail: DatabaseFailures then answers a deadlock, a time limit or the
            // database gone with 503 and Retry-After, as it does when the change's own statement meets them.
            throw new DataAccessException("cannot record " + entry.type() + ": " + e.getMessage(), e);
        }
        return appended(entry);
    }

    /**
     * Appends these events, each with its organization as subject, in the caller's transaction and in this order: one
     * batch of inserts (a round trip each would make an announcement to a large organization a long transaction).
     */
    public void appendAll(List<? extends DomainEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        requireTransaction(events.getFirst());
        List<Entry> entries = events.stream().map(this::entry).toList();
        try (PreparedStatement insert = transactions.getConnection().prepareStatement(Entry.INSERT)) {
            for (Entry entry : entries) {
                entry.bind(insert, 1);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new DataAccessException("cannot record " + entries.size() + " events: " + e.getMessage(), e);
        }
        for (AppendedEventEffect effect : effects) {
            effect.applyAll(events);
        }
    }

    private void requireTransaction(DomainEvent event) {
        if (transactions.findTransactionStatus().isEmpty()) {
            throw new IllegalStateException("Outbox.append needs the caller's transaction: "
                    + event.getClass().getSimpleName() + " would otherwise be written apart from its change");
        }
    }

    /**
     * The outbox entry of an event whose subject is its organization, checked against its schema, for a caller that
     * sends {@link Entry#INSERT} itself, in the same message as its change's own statements (one round trip instead of
     * one more), and then calls {@link #appended}. The row must be inserted in the transaction of that change.
     */
    public Entry entry(DomainEvent event) {
        return entry(event, event.organizationId());
    }

    private Entry entry(DomainEvent event, String subject) {
        EventType<?> type = EventCatalog.of(event.getClass());
        UUID id = UUID.randomUUID();
        EventEnvelope envelope = codec.envelope(event, id, clock.instant(), subject, MDC.get(CORRELATION_ID));
        String payload = codec.write(envelope);
        // An event its own schema refuses is dead-lettered by every consumer: the change would happen and nobody hear
        // of it (input that passed a service's checks but not the schema did exactly that). Refusing it here rolls
        // the change back with it, a loud failure instead of a silent loss. A few microseconds per event.
        List<String> problems = codec.problems(type.topic(), payload);
        if (!problems.isEmpty()) {
            throw new OutboxException(type.name() + " breaks its schema, so its change is refused with it: "
                    + problems, null);
        }
        return new Entry(event, id, type.name(), type.topic(), recordKey(event), payload);
    }

    /**
     * What follows an event's entry once inserted (the effects other parts of the service attach to appended events).
     *
     * @return the event id (the CloudEvents {@code id}, the consumers' idempotency key)
     */
    public UUID appended(Entry entry) {
        for (AppendedEventEffect effect : effects) {
            effect.apply(entry.event());
        }
        return entry.id();
    }

    /**
     * An event's outbox row, ready to insert: {@link #INSERT}, its parameters set by {@link #bind} (not
     * {@link OutboxRow}, which is a row as the relay reads it back).
     */
    public record Entry(DomainEvent event, UUID id, String type, String topic, String key, String payload) {

        public static final String INSERT =
                "INSERT INTO outbox_event (event_id, event_type, topic, record_key, payload) VALUES (?, ?, ?, ?, ?)";

        /** Sets {@link #INSERT}'s parameters, the first at index {@code first}. */
        public void bind(PreparedStatement statement, int first) throws SQLException {
            statement.setObject(first, id);
            statement.setString(first + 1, type);
            statement.setString(first + 2, topic);
            statement.setString(first + 3, key);
            statement.setString(first + 4, payload);
        }
    }

    /**
     * The Kafka record key of an event: its organization, so one organization's events keep their order, or the
     * platform key for events of no organization.
     */
    public static String recordKey(DomainEvent event) {
        return event.organizationId() != null ? event.organizationId() : Topics.PLATFORM_KEY;
    }
}
