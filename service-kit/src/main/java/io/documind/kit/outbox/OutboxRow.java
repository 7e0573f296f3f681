package io.documind.kit.outbox;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** An outbox row as the publisher reads it: where it goes and what it carries. */
@MappedEntity("outbox_event")
public record OutboxRow(@Id long id, String topic, String recordKey, String payload) {
}
