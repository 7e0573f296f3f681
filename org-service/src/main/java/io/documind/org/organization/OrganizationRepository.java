package io.documind.org.organization;

import io.documind.kit.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OrganizationRepository extends CrudRepository<Organization, UUID> {

    @Query("""
            SELECT * FROM organization
            WHERE (CAST(:q AS TEXT) IS NULL OR lower(name) LIKE :q)
            ORDER BY created_at, id LIMIT :limit OFFSET :offset""")
    List<Organization> search(@Nullable String q, int limit, long offset);

    @Query("SELECT count(*) FROM organization WHERE (CAST(:q AS TEXT) IS NULL OR lower(name) LIKE :q)")
    long countSearch(@Nullable String q);

    /** Records that the creator's OrganizationCreated was applied; runs in the consumer's transaction. */
    @Query("UPDATE organization SET creator_admitted_at = now() WHERE id = :id AND creator_admitted_at IS NULL")
    void markCreatorAdmitted(UUID id);

    /** 1 while the organization has a creator whose OrganizationCreated this service has not applied yet. */
    @Query("""
            SELECT count(*) FROM organization
            WHERE id = :id AND created_by IS NOT NULL AND creator_admitted_at IS NULL""")
    long countCreatorPending(UUID id);

    /** 1 when {@code userId} created the organization and is not yet its member only because of that. */
    @Query("""
            SELECT count(*) FROM organization
            WHERE id = :id AND created_by = :userId AND creator_admitted_at IS NULL""")
    long countPendingCreator(UUID id, String userId);

    /** Locks the organization row: serializes rule checks such as "never without an Admin". */
    @Query("SELECT id FROM organization WHERE id = :id FOR UPDATE")
    List<UUID> lock(UUID id);

    /**
     * Holds these organizations' rows (KEY SHARE, the lock a membership's foreign key takes; in id order) until the
     * transaction ends: a write that then holds roles keeps the order every member change uses, organization first.
     */
    @Query("""
            SELECT count(*) FROM (SELECT id FROM organization WHERE id = ANY (CAST(:ids AS uuid[]))
                                  ORDER BY id FOR KEY SHARE) AS held""")
    long holdAll(String[] ids);

    /**
     * Locks the organization's membership rows in user order, before its deletion cascades to them. A template role's
     * deletion holds its holders' rows in (organization, user) order first; the cascade alone takes them in the
     * table's order, and the two could each hold a member the other waited for.
     */
    @Query("""
            SELECT user_id FROM membership WHERE organization_id = :id ORDER BY user_id FOR UPDATE""")
    List<String> lockMembers(UUID id);

    /** {@link #lockMembers} for the organization's applications, locked after its members as a role's deletion does. */
    @Query("""
            SELECT application_id FROM organization_application WHERE organization_id = :id
            ORDER BY application_id FOR UPDATE""")
    List<String> lockApplications(UUID id);

    /** {@link #lock}, answering 404 when there is no such organization. */
    default void lockExisting(UUID id) {
        if (lock(id).isEmpty()) {
            throw ProblemException.notFound("Organization");
        }
    }

    /** Locks the creator's user row: one user's organization creations then count one after the other. */
    @Query("SELECT id FROM app_user WHERE id = :userId FOR UPDATE")
    List<String> lockCreator(String userId);

    @Query("SELECT count(*) FROM organization WHERE created_by = :userId")
    long countCreatedBy(String userId);
}
