package io.documind.kit.events;

import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.events.EventType;

/** An envelope read off a topic together with its typed data. */
public record DecodedEvent(EventEnvelope envelope, EventType<?> type, DomainEvent data) {

    public String id() {
        return envelope.id();
    }
}
