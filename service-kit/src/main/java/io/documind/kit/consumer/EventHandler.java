package io.documind.kit.consumer;

import io.documind.contracts.events.DomainEvent;

/**
 * Applies one kind of event. {@link #handle} runs inside the transaction that also records the event id,
 * so it is applied at most once per consumer group however often the event is delivered; anything it
 * writes (repositories, the outbox) commits or rolls back with that record.
 */
public interface EventHandler<T extends DomainEvent> {

    Class<T> eventType();

    void handle(T event, EventMetadata metadata);
}
