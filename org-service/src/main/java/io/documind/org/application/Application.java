package io.documind.org.application;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A machine-to-machine application. With {@code managementAccess} it may have a management token (the whole
 * Management API); without, only tokens of the organizations it belongs to and of API resources its roles open.
 */
@MappedEntity("application")
public record Application(@Id String id,
                          String name,
                          @Nullable String description,
                          String secretHash,
                          Instant createdAt,
                          boolean managementAccess) {
}
