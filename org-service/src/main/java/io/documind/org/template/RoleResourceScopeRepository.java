package io.documind.org.template;

import io.documind.org.resource.ResourceScope;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.UUID;

/** The API resource scopes an organization role carries (organization-level API permissions). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RoleResourceScopeRepository extends GenericRepository<ResourceScope, String> {

    @Query("""
            SELECT s.* FROM resource_scope s JOIN organization_role_resource_scope rs ON rs.scope_id = s.id
            WHERE rs.role_id = :roleId ORDER BY s.resource_id, s.name""")
    List<ResourceScope> ofRole(UUID roleId);

    @Query("""
            INSERT INTO organization_role_resource_scope (role_id, scope_id) VALUES (:roleId, :scopeId)
            ON CONFLICT DO NOTHING""")
    void grant(UUID roleId, String scopeId);

    @Query("DELETE FROM organization_role_resource_scope WHERE role_id = :roleId AND scope_id = :scopeId")
    int revoke(UUID roleId, String scopeId);

    @Query("DELETE FROM organization_role_resource_scope WHERE role_id = :roleId")
    void revokeAll(UUID roleId);
}
