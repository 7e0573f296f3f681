package io.documind.org.template;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** One API resource scope an organization role carries, by id: a row of the whole template's resource scopes. */
@Introspected
public record RoleResourceScopeId(UUID roleId, String scopeId) {
}
