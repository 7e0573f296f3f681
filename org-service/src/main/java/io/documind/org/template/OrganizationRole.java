package io.documind.org.template;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** A role of the organization template; its scopes live in organization_role_scope. */
@MappedEntity("organization_role")
public record OrganizationRole(@Id UUID id, String name, @Nullable String description) {
}
