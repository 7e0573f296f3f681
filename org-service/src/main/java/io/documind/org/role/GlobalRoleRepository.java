package io.documind.org.role;

import io.documind.org.resource.ResourceScope;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Global roles, the resource scopes they carry, and who holds them. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface GlobalRoleRepository extends CrudRepository<GlobalRole, String> {

    boolean existsByName(String name);

    /** Its row locked until the transaction ends: a change written back as a whole row must not undo another. */
    Optional<GlobalRole> findByIdForUpdate(String id);

    /**
     * Holds the resource scopes the role carries (KEY SHARE, in id order) before its deletion cascades to its rows
     * naming them. An API resource's deletion locks its scopes in id order and then cascades to the same rows; the
     * role's cascade alone took them in the table's order, and the two could each hold a row the other waited for.
     */
    @Query("""
            SELECT id FROM resource_scope WHERE id IN (SELECT scope_id FROM role_resource_scope WHERE role_id = :id)
            ORDER BY id FOR KEY SHARE""")
    List<String> holdScopesOf(String id);

    @Query("SELECT * FROM role ORDER BY created_at, id LIMIT :limit OFFSET :offset")
    List<GlobalRole> page(int limit, long offset);

    /**
     * The roles, held (KEY SHARE, in id order) until the transaction ends, for assigning them: a role's deletion
     * locks the role and then deletes its holders' rows, and a replacement that deleted a holder's row first and then
     * waited on the role (its insert's foreign key) deadlocked with it.
     */
    @Query("SELECT * FROM role WHERE id IN (:ids) ORDER BY id FOR KEY SHARE")
    List<GlobalRole> findByIdsHeld(Collection<String> ids);

    @Query("""
            SELECT s.* FROM resource_scope s JOIN role_resource_scope rs ON rs.scope_id = s.id
            WHERE rs.role_id = :roleId ORDER BY s.resource_id, s.name""")
    List<ResourceScope> scopesOf(String roleId);

    @Query("INSERT INTO role_resource_scope (role_id, scope_id) VALUES (:roleId, :scopeId) ON CONFLICT DO NOTHING")
    void grantScope(String roleId, String scopeId);

    @Query("DELETE FROM role_resource_scope WHERE role_id = :roleId AND scope_id = :scopeId")
    int revokeScope(String roleId, String scopeId);

    @Query("SELECT r.* FROM role r JOIN user_role ur ON ur.role_id = r.id WHERE ur.user_id = :userId ORDER BY r.name")
    List<GlobalRole> ofUser(String userId);

    @Query("INSERT INTO user_role (user_id, role_id) VALUES (:userId, :roleId) ON CONFLICT DO NOTHING")
    void assignToUser(String userId, String roleId);

    @Query("DELETE FROM user_role WHERE user_id = :userId AND role_id = :roleId")
    int unassignFromUser(String userId, String roleId);

    @Query("DELETE FROM user_role WHERE user_id = :userId")
    void unassignAllFromUser(String userId);

    @Query("""
            SELECT r.* FROM role r JOIN application_role ar ON ar.role_id = r.id
            WHERE ar.application_id = :applicationId ORDER BY r.name""")
    List<GlobalRole> ofApplication(String applicationId);

    @Query("INSERT INTO application_role (application_id, role_id) VALUES (:applicationId, :roleId) ON CONFLICT DO NOTHING")
    void assignToApplication(String applicationId, String roleId);

    @Query("DELETE FROM application_role WHERE application_id = :applicationId AND role_id = :roleId")
    int unassignFromApplication(String applicationId, String roleId);

    @Query("DELETE FROM application_role WHERE application_id = :applicationId")
    void unassignAllFromApplication(String applicationId);
}
