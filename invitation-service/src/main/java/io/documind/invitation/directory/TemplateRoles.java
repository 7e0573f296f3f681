package io.documind.invitation.directory;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/** The organization template's roles, in the order org-service sent them. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface TemplateRoles extends GenericRepository<TemplateRole, String> {

    @Query("SELECT id, name, scopes, resource_scopes FROM role_view ORDER BY position")
    List<TemplateRole> findAllInOrder();

    @Query("DELETE FROM role_view")
    void deleteAll();

    @Query("""
            INSERT INTO role_view (name, id, scopes, resource_scopes, position)
            VALUES (:name, :id, :scopes, :resourceScopes, :position)""")
    void insert(String name, @io.micronaut.core.annotation.Nullable String id, String[] scopes,
                String[] resourceScopes, int position);

    /**
     * The resource scope ids that the roles {@code userId} holds in the organization carry, as the member view
     * knows them; none for an application or a member whose roles are not known.
     */
    @Query("""
            SELECT DISTINCT unnest(r.resource_scopes) FROM member_view m JOIN role_view r ON r.name = ANY (m.roles)
            WHERE m.organization_id = :organizationId AND m.user_id = :userId""")
    List<String> resourceScopesHeldBy(String organizationId, String userId);
}
