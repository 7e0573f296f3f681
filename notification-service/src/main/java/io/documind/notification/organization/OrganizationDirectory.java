package io.documind.notification.organization;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/**
 * Organization names as org-service's events tell them (a local read model): InvitationAccepted carries no
 * name, and an email should not say "organization 3f2a…".
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OrganizationDirectory extends GenericRepository<KnownOrganization, String> {

    @Query("""
            INSERT INTO organization_directory (organization_id, name) VALUES (:organizationId, :name)
            ON CONFLICT (organization_id) DO UPDATE SET name = excluded.name, updated_at = now()
            WHERE NOT organization_directory.deleted""")
    void remember(String organizationId, String name);

    /** Keeps the row, marked deleted, so a late OrganizationUpdated cannot bring the name back. */
    @Query("""
            INSERT INTO organization_directory (organization_id, name, deleted) VALUES (:organizationId, '', true)
            ON CONFLICT (organization_id) DO UPDATE SET deleted = true, updated_at = now()""")
    void forget(String organizationId);

    /**
     * Whether org-service said the organization was deleted. Its invitations' events come on another topic, so an
     * invitation's email may arrive after the deletion: its link is dead (invitation-service revokes it) and nobody
     * should be told anything about it.
     */
    boolean existsByOrganizationIdAndDeletedTrue(String organizationId);

    default Optional<String> nameOf(String organizationId) {
        return findByOrganizationIdAndDeletedFalse(organizationId).map(KnownOrganization::name);
    }

    Optional<KnownOrganization> findByOrganizationIdAndDeletedFalse(String organizationId);
}
