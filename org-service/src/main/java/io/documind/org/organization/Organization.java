package io.documind.org.organization;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("organization")
public record Organization(@Id UUID id,
                           String name,
                           @Nullable String description,
                           @Nullable String createdBy,
                           Instant createdAt,
                           Instant updatedAt) {
}
