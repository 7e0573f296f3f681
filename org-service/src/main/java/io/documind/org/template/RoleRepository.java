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
     * A role about to be deleted, held first: a grant of it in flight (which holds it, see MembershipRepository
     * #holdRoles) finishes before the deletion reads the role's holders, so it is among those announced.
     */
    @Query("SELECT * FROM organization_role WHERE id = :id FOR UPDATE")
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
