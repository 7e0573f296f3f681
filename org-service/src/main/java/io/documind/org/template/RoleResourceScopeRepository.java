package io.documind.org.template;

import io.documind.org.resource.ResourceScope;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The API resource scopes an organization role carries (organization-level API permissions). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RoleResourceScopeRepository extends GenericRepository<ResourceScope, String> {

    @Query("""
            SELECT s.* FROM resource_scope s JOIN organization_role_resource_scope rs ON rs.scope_id = s.id
            WHERE rs.role_id = :roleId ORDER BY s.resource_id, s.name""")
    List<ResourceScope> ofRole(UUID roleId);

    /** The resource scope ids of these roles, one row per (role, scope). */
    @Query("""
            SELECT role_id, scope_id FROM organization_role_resource_scope WHERE role_id IN (:roleIds)
            ORDER BY scope_id""")
    List<RoleResourceScopeId> ofRoles(Collection<UUID> roleIds);

    /** Every role's resource scope ids, for the whole template's announcement. */
    @Query("SELECT role_id, scope_id FROM organization_role_resource_scope ORDER BY scope_id")
    List<RoleResourceScopeId> ofAllRoles();

    /**
     * The resource scope ids the roles of {@code subject} in the organization carry: a member's roles, or an
     * application's roles there (an id is one or the other).
     */
    @Query("""
            SELECT DISTINCT scope_id FROM organization_role_resource_scope
            WHERE role_id IN (SELECT role_id FROM membership_role
                              WHERE organization_id = :organizationId AND user_id = :subject
                              UNION
                              SELECT role_id FROM organization_application_role
                              WHERE organization_id = :organizationId AND application_id = :subject)""")
    List<String> heldBy(UUID organizationId, String subject);

    @Query("""
            INSERT INTO organization_role_resource_scope (role_id, scope_id) VALUES (:roleId, :scopeId)
            ON CONFLICT DO NOTHING""")
    void grant(UUID roleId, String scopeId);

    @Query("DELETE FROM organization_role_resource_scope WHERE role_id = :roleId AND scope_id = :scopeId")
    int revoke(UUID roleId, String scopeId);

    @Query("DELETE FROM organization_role_resource_scope WHERE role_id = :roleId")
    void revokeAll(UUID roleId);

    /** As ScopeRepository#holdScopes, for API resource scopes (whose deletion also locks the scope, then its roles). */
    @Query("""
            SELECT count(*) FROM (SELECT id FROM resource_scope WHERE id = ANY (CAST(:scopeIds AS text[]))
                                  ORDER BY id FOR KEY SHARE) AS held""")
    long holdScopes(String[] scopeIds);
}
