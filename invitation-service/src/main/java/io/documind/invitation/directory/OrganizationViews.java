package io.documind.invitation.directory;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/** The organizations org-service announced, deleted ones as tombstones. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface OrganizationViews extends GenericRepository<KnownOrganization, String> {

    Optional<KnownOrganization> findById(String id);

    @Query("SELECT * FROM organization_view WHERE id = :id FOR SHARE")
    Optional<KnownOrganization> findByIdForShare(String id);

    /** Creates or renames; a deleted organization stays deleted. */
    @Query("""
            INSERT INTO organization_view (id, name) VALUES (:id, :name)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE NOT organization_view.deleted""")
    void remember(String id, String name);

    /** The name stays (old invitations' landing pages show it); a never-seen organization gets its id as name. */
    @Query("""
            INSERT INTO organization_view (id, name, deleted) VALUES (:id, :id, true)
            ON CONFLICT (id) DO UPDATE SET deleted = true""")
    void markDeleted(String id);
}
