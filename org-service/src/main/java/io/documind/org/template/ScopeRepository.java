package io.documind.org.template;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ScopeRepository extends CrudRepository<OrganizationScope, UUID> {

    /**
     * Holds scopes about to be given to a role (as the grant's foreign key check would), before the role is locked: a
     * scope's deletion or rename locks the scope and then its roles, so a replacement that locked the role first and
     * reached the scope last deadlocked with it. In id order.
     */
    @Query("""
            SELECT count(*) FROM (SELECT id FROM organization_scope WHERE id = ANY (CAST(:scopeIds AS uuid[]))
                                  ORDER BY id FOR KEY SHARE) AS held""")
    long holdScopes(String[] scopeIds);

    /** Its row locked until the transaction ends: a change written back as a whole row must not undo another. */
    Optional<OrganizationScope> findByIdForUpdate(UUID id);

    Optional<OrganizationScope> findByName(String name);

    @Query("SELECT * FROM organization_scope ORDER BY name")
    List<OrganizationScope> all();

    @Query("SELECT * FROM organization_scope WHERE id IN (:ids)")
    List<OrganizationScope> findByIds(Collection<UUID> ids);

    @Query("""
            SELECT s.* FROM organization_scope s JOIN organization_role_scope rs ON rs.scope_id = s.id
            WHERE rs.role_id = :roleId ORDER BY s.name""")
    List<OrganizationScope> ofRole(UUID roleId);

    /** Every role's scopes in one statement, by scope name (reading them role by role was N+1). */
    @Query("""
            SELECT rs.role_id, s.id, s.name, s.description
            FROM organization_role_scope rs JOIN organization_scope s ON s.id = rs.scope_id ORDER BY s.name""")
    List<RoleScope> ofAllRoles();

    /** The scopes of these roles in one statement, by scope name. */
    @Query("""
            SELECT rs.role_id, s.id, s.name, s.description
            FROM organization_role_scope rs JOIN organization_scope s ON s.id = rs.scope_id
            WHERE rs.role_id IN (:roleIds) ORDER BY s.name""")
    List<RoleScope> ofRoles(Collection<UUID> roleIds);

    @Query("INSERT INTO organization_role_scope (role_id, scope_id) VALUES (:roleId, :scopeId) ON CONFLICT DO NOTHING")
    void grant(UUID roleId, UUID scopeId);

    @Query("DELETE FROM organization_role_scope WHERE role_id = :roleId AND scope_id = :scopeId")
    int revoke(UUID roleId, UUID scopeId);

    @Query("DELETE FROM organization_role_scope WHERE role_id = :roleId")
    void revokeAll(UUID roleId);
}
