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
public interface RoleRepository extends CrudRepository<OrganizationRole, UUID> {

    Optional<OrganizationRole> findByName(String name);

    /**
     * Holds roles about to be granted (as the grant's foreign key check would) before a grant writes anything: a
     * role's deletion or a template edit holds the role and then writes its rows (or announces its holders), so a
     * grant that wrote rows (or raised a version) first and reached the role last deadlocked with it. In id order, as
     * the template edits lock roles, so grants of several roles never wait on an edit in turn.
     */
    @Query("""
            SELECT count(*) FROM (SELECT id FROM organization_role
                                  WHERE name = ANY (:roleNames) OR id = ANY (CAST(:roleIds AS uuid[]))
                                  ORDER BY id FOR KEY SHARE) AS held""")
    long holdRoles(String[] roleNames, String[] roleIds);

    default void holdRoles(Collection<UUID> roleIds) {
        holdRoles(List.of(), roleIds);
    }

    /** As {@link #holdRoles(Collection)}, for roles named by name or by id (an accepted invitation's). */
    default void holdRoles(List<String> roleNames, Collection<UUID> roleIds) {
        if (!roleNames.isEmpty() || !roleIds.isEmpty()) {
            holdRoles(roleNames.toArray(String[]::new), roleIds.stream().map(UUID::toString).toArray(String[]::new));
        }
    }

    /** Its row locked until the transaction ends: a change written back as a whole row must not undo another. */
    Optional<OrganizationRole> findByIdForUpdate(UUID id);

    @Query("SELECT * FROM organization_role ORDER BY name")
    List<OrganizationRole> all();

    @Query("SELECT * FROM organization_role WHERE id IN (:ids)")
    List<OrganizationRole> findByIds(Collection<UUID> ids);

    @Query("SELECT * FROM organization_role WHERE name IN (:names)")
    List<OrganizationRole> findByNames(Collection<String> names);

    /**
     * Takes the template's lock row until the transaction ends, recording the shape about to be announced: template
     * announcements then follow one another in commit order (see TemplateService#templateChanged).
     */
    @Query("UPDATE template_announcement SET version = :version")
    int lockForAnnouncement(int version);
}
