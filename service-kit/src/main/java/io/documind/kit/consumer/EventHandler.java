package io.documind.kit.consumer;

import io.documind.contracts.events.DomainEvent;
import io.micronaut.core.reflect.GenericTypeUtils;

/**
 * Applies one kind of event. {@link #handle} runs inside the transaction that also records the event id,
 * so it is applied at most once per consumer group however often the event is delivered; anything it
 * writes (repositories, the outbox) commits or rolls back with that record.
 */
public interface EventHandler<T extends DomainEvent> {

    /**
     * The event this handler takes: by default the type argument its class gives {@code EventHandler} (also through
     * a superclass, so an AOP proxy of the handler resolves too). A handler whose type is only known at run time (a
     * generic one built from a {@code Class}) overrides this. Read once, at start-up, where handlers are indexed, so
     * an unresolvable handler stops the service there.
     */
    @SuppressWarnings("unchecked")
    default Class<T> eventType() {
        return (Class<T>) GenericTypeUtils.resolveInterfaceTypeArgument(getClass(), EventHandler.class)
                .filter(DomainEvent.class::isAssignableFrom)
                .orElseThrow(() -> new IllegalStateException("Event handler " + getClass().getName()
                        + " names no event type: implement EventHandler<SomeEvent> with a concrete event, or override "
                        + "eventType()"));
    }

    void handle(T event, EventMetadata metadata);

    /**
     * Whether this handler runs on its own, in a transaction of its own before the event's claim and the other
     * handlers, on every delivery (a duplicate's too): for an effect that is idempotent by itself and must stand even
     * when another handler of the same event fails for good (an authority floor: were it in the failing transaction,
     * the event would be dead-lettered and the floor never raised). False for every ordinary handler.
     */
    default boolean independent() {
        return false;
    }
}
