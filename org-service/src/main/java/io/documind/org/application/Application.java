package io.documind.org.application;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A machine-to-machine application that may call the Management API with client credentials. */
@MappedEntity("application")
public record Application(@Id String id,
                          String name,
                          @Nullable String description,
                          String secretHash,
                          Instant createdAt) {
}
