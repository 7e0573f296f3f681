package io.documind.org.template;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/** A scope with the role carrying it: one row of the whole template, read at once instead of role by role. */
@Introspected
public record RoleScope(UUID roleId, UUID id, String name, @Nullable String description) {

    public OrganizationScope scope() {
        return new OrganizationScope(id, name, description);
    }
}
