package io.documind.document.documents;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/** A document in a list: everything but its content, which can be large. */
@Serdeable
@Introspected
public record DocumentSummary(UUID id, String title, String authorId, long version, Instant createdAt,
                              Instant updatedAt) {
}
