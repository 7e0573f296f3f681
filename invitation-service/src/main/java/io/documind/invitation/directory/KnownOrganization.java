package io.documind.invitation.directory;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** An organization as org-service's events described it; {@code deleted} is a tombstone. */
@MappedEntity("organization_view")
public record KnownOrganization(@Id String id, String name, boolean deleted) {
}
