package io.documind.org.membership;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** An organization as one of its members sees it: with that member's roles. */
@Serdeable
public record UserOrganization(String id, String name, @Nullable String description, List<String> organizationRoles) {
}
