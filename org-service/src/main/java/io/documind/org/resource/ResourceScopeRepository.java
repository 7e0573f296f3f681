package io.documind.org.resource;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Resource scopes, and the scope names a caller's roles grant on one resource (what a token may carry). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ResourceScopeRepository extends CrudRepository<ResourceScope, String> {

    /** Its row locked until the transaction ends: a change written back as a whole row must not undo another. */
    Optional<ResourceScope> findByIdAndResourceIdForUpdate(String id, String resourceId);

    @Query("SELECT * FROM resource_scope WHERE resource_id = :resourceId ORDER BY name")
    List<ResourceScope> ofResource(String resourceId);

    Optional<ResourceScope> findByIdAndResourceId(String id, String resourceId);

    boolean existsByResourceIdAndName(String resourceId, String name);

    /**
     * In id order: a role's grants of them take them in this order (their foreign key), as a scope's or its API
     * resource's deletion locks them; in the table's order a grant could hold a later one and wait for an earlier.
     */
    @Query("SELECT * FROM resource_scope WHERE id IN (:ids) ORDER BY id")
    List<ResourceScope> findByIds(Collection<String> ids);

    @Query("""
            SELECT DISTINCT s.name FROM resource_scope s
            JOIN role_resource_scope rs ON rs.scope_id = s.id
            JOIN role r ON r.id = rs.role_id AND r.type = 'User'
            JOIN user_role ur ON ur.role_id = r.id
            WHERE ur.user_id = :userId AND s.resource_id = :resourceId ORDER BY s.name""")
    List<String> grantedToUser(String userId, String resourceId);

    @Query("""
            SELECT DISTINCT s.name FROM resource_scope s
            JOIN role_resource_scope rs ON rs.scope_id = s.id
            JOIN role r ON r.id = rs.role_id AND r.type = 'MachineToMachine'
            JOIN application_role ar ON ar.role_id = r.id
            WHERE ar.application_id = :applicationId AND s.resource_id = :resourceId ORDER BY s.name""")
    List<String> grantedToApplication(String applicationId, String resourceId);

    @Query("""
            SELECT DISTINCT s.name FROM resource_scope s
            JOIN organization_role_resource_scope rs ON rs.scope_id = s.id
            JOIN membership_role mr ON mr.role_id = rs.role_id
            WHERE mr.organization_id = :organizationId AND mr.user_id = :userId AND s.resource_id = :resourceId
            ORDER BY s.name""")
    List<String> grantedToMember(UUID organizationId, String userId, String resourceId);
}
