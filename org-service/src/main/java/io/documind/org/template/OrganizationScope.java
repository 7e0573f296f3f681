package io.documind.org.template;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

/** A permission defined once in the organization template, e.g. {@code read:documents}. */
@Serdeable
@MappedEntity("organization_scope")
public record OrganizationScope(@Id UUID id, String name, @Nullable String description) {
}
