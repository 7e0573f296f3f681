package io.documind.kit.outbox;

import io.documind.contracts.events.DomainEvent;

import java.util.List;

/**
 * What a service's own event changes in its own database, applied by {@link Outbox#append} in the transaction that
 * appends it, so the change holds from that commit on rather than from when the event comes back from Kafka (which,
 * while Kafka is away, is never). The consumers of the same event must find it applied already and change nothing.
 */
public interface AppendedEventEffect {

    void apply(DomainEvent event);

    /** {@link #apply} for each of these events, appended together ({@link Outbox#appendAll}); override to batch. */
    default void applyAll(List<? extends DomainEvent> events) {
        events.forEach(this::apply);
    }
}
