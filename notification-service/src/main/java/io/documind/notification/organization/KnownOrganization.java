package io.documind.notification.organization;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of the organization read model; {@code deleted} is a tombstone. */
@MappedEntity("organization_directory")
public record KnownOrganization(@Id String organizationId, String name, boolean deleted) {
}
