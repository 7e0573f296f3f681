package io.documind.kit.consumer;

import io.documind.contracts.events.DomainEvent;
import io.documind.kit.events.DecodedEvent;
import io.documind.kit.events.EventEnvelope;
import io.documind.kit.outbox.Outbox;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One attempt at applying an event: in a single transaction, claim its id for this consumer and run the
 * handlers. A claim that already exists means the event was applied before, and nothing runs. The
 * {@linkplain EventHandler#independent() independent} handlers (authority floors) run first, in a transaction of
 * their own, on every attempt.
 */
@Singleton
public class EventApplier {

    private final TransactionOperations<Connection> transactions;

    public EventApplier(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** @return false when the event had already been applied by this consumer */
    public boolean apply(String consumer, DecodedEvent event, List<EventHandler<?>> handlers) {
        EventEnvelope envelope = event.envelope();
        EventMetadata metadata = new EventMetadata(envelope.id(), envelope.type(), envelope.source(),
                Instant.parse(envelope.time()), envelope.organizationid(), envelope.correlationid());
        String previousCorrelation = MDC.get(Outbox.CORRELATION_ID);
        if (envelope.correlationid() != null) {
            // Events written by the handlers carry the same correlation id onwards.
            MDC.put(Outbox.CORRELATION_ID, envelope.correlationid());
        }
        try {
            if (handlers.stream().anyMatch(EventHandler::independent)) {
                transactions.executeWrite(status -> {
                    for (EventHandler<?> handler : handlers) {
                        if (handler.independent()) {
                            invoke(handler, event.data(), metadata);
                        }
                    }
                    return null;
                });
            }
            return transactions.executeWrite(status -> {
                if (!claim(status.getConnection(), consumer, envelope)) {
                    return false;
                }
                for (EventHandler<?> handler : handlers) {
                    if (!handler.independent()) {
                        invoke(handler, event.data(), metadata);
                    }
                }
                return true;
            });
        } finally {
            if (previousCorrelation == null) {
                MDC.remove(Outbox.CORRELATION_ID);
            } else {
                MDC.put(Outbox.CORRELATION_ID, previousCorrelation);
            }
        }
    }

    private static boolean claim(Connection c, String consumer, EventEnvelope envelope) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO processed_event (consumer, event_id, event_type) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            insert.setString(1, consumer);
            insert.setObject(2, UUID.fromString(envelope.id()));
            insert.setString(3, envelope.type());
            return insert.executeUpdate() == 1;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends DomainEvent> void invoke(EventHandler<T> handler, DomainEvent data, EventMetadata metadata) {
        handler.handle((T) data, metadata);
    }
}
