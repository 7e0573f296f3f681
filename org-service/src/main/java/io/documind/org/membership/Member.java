package io.documind.org.membership;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A member of an organization as Logto shows one: the user ({@code id}, {@code primaryEmail}, {@code name}) with its
 * {@code organizationRoles}. The email is the user's current one, or what was known when it joined for a member
 * older than its user row.
 */
@Serdeable
public record Member(String id, @Nullable String primaryEmail, @Nullable String name,
                     List<OrganizationRoleRef> organizationRoles) {

    /** The names of the member's roles, as the events carry them. */
    public List<String> roleNames() {
        return organizationRoles.stream().map(OrganizationRoleRef::name).toList();
    }
}
