package io.documind.org.jit;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** An organization role a just-in-time member gets. */
@MappedEntity("organization_jit_role")
public record JitRole(@Id UUID id, UUID organizationId, UUID organizationRoleId) {
}
