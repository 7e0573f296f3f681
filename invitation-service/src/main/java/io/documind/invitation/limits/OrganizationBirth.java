package io.documind.invitation.limits;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** When an organization was created, as its OrganizationCreated says. */
@MappedEntity("organization_birth")
public record OrganizationBirth(@Id String organizationId, Instant createdAt) {
}
