package io.documind.document.documents;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/** A document of one organization (table {@code document}); also what {@code GET /documents/{id}} answers. */
@Serdeable
@MappedEntity("document")
public record Document(@Id UUID id,
                       String organizationId,
                       String title,
                       String content,
                       String authorId,
                       String updatedBy,
                       long version,
                       Instant createdAt,
                       Instant updatedAt) {

    /** The strong entity tag of this version (RFC 9110 §8.8.3), for {@code If-Match}. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
