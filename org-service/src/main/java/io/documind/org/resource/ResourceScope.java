package io.documind.org.resource;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A permission of one API resource, e.g. {@code read:reports}; Logto's response shape as it is. */
@Serdeable
@MappedEntity("resource_scope")
public record ResourceScope(@Id String id, String resourceId, String name, @Nullable String description,
                            Instant createdAt) {
}
