package io.documind.org.template;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** A role of the organization template; its scopes live in organization_role_scope. */
@MappedEntity("organization_role")
public record OrganizationRole(@Id UUID id, String name, @Nullable String description) {

    /**
     * The seeded Admin role (V1 migration). The last-Admin guard and creator-becomes-Admin find it by this id, so
     * renaming it through the Management API keeps both working; deleting it is refused.
     */
    public static final UUID ADMIN_ID = UUID.fromString("00000000-0000-4000-8000-000000000001");
}
