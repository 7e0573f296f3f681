package io.documind.org.role;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A global role (Logto's RBAC role): it carries API resource scopes for users or for machine-to-machine apps. */
@Serdeable
@MappedEntity("role")
public record GlobalRole(@Id String id, String name, @Nullable String description, Type type, Instant createdAt) {

    /** Logto's RoleType: who may hold the role. */
    @Serdeable
    public enum Type { User, MachineToMachine }
}
