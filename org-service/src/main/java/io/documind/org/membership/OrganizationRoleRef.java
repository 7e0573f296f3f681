package io.documind.org.membership;

import io.micronaut.serde.annotation.Serdeable;

/** An organization role as a member or an organization lists it (Logto's {@code organizationRoles} items). */
@Serdeable
public record OrganizationRoleRef(String id, String name) {
}
