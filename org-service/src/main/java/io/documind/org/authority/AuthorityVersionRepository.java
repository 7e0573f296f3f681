package io.documind.org.authority;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.UUID;

/** Raising versions: one statement each, so concurrent raises queue on the row lock and each gets its own number. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuthorityVersionRepository extends GenericRepository<SubjectAuthorityVersion, String> {

    @Query("""
            INSERT INTO subject_authority_version AS v (subject, version) VALUES (:subject, :first)
            ON CONFLICT (subject) DO UPDATE SET version = v.version + 1, raised_at = now()
            RETURNING version""")
    long raise(String subject, long first);

    @Query("""
            INSERT INTO organization_authority_version AS v (subject, organization_id, version)
            VALUES (:subject, :organizationId, :first)
            ON CONFLICT (subject, organization_id) DO UPDATE SET version = v.version + 1, raised_at = now()
            RETURNING version""")
    long raise(String subject, UUID organizationId, long first);

    /** A (subject, organization) version, as {@link #versionsOf} reads it. */
    @Introspected
    record Raised(String subject, UUID organizationId, long version) {
    }

    /**
     * {@link #raise(String, UUID, long)} for each pair of {@code subjects} and {@code organizationIds} (no pair twice:
     * an upsert may not touch one row twice), in one statement. Rows are locked in (organization, subject) order,
     * so two batches over the same members queue rather than deadlock.
     */
    @Query("""
            INSERT INTO organization_authority_version AS v (subject, organization_id, version)
            SELECT p.subject, p.organization_id, :first
            FROM unnest(CAST(:subjects AS text[]), CAST(:organizationIds AS uuid[])) AS p (subject, organization_id)
            ORDER BY p.organization_id, p.subject
            ON CONFLICT (subject, organization_id) DO UPDATE SET version = v.version + 1, raised_at = now()""")
    void raiseAll(String[] subjects, String[] organizationIds, long first);

    /**
     * The versions {@link #raiseAll} just raised, read in its transaction, which holds their rows. Not its own
     * {@code RETURNING}: Micronaut Data 4 maps the rows of an INSERT's RETURNING only as one value
     * (micronaut-data#3942).
     */
    @Query("""
            SELECT v.subject, v.organization_id, v.version
            FROM unnest(CAST(:subjects AS text[]), CAST(:organizationIds AS uuid[])) AS p (subject, organization_id)
            JOIN organization_authority_version v ON v.subject = p.subject AND v.organization_id = p.organization_id""")
    List<Raised> versionsOf(String[] subjects, String[] organizationIds);

    /**
     * Marks each (subject, organization) version as announced in a member's event, the highest of a pair winning and
     * none lowered. The rows were raised, and so locked, by the same transaction before its events were appended.
     */
    @Query("""
            UPDATE organization_authority_version v SET announced = GREATEST(v.announced, p.version)
            FROM (SELECT u.subject, u.organization_id, max(u.version) AS version
                  FROM unnest(CAST(:subjects AS text[]), CAST(:organizationIds AS uuid[]), CAST(:versions AS bigint[]))
                       AS u (subject, organization_id, version)
                  GROUP BY u.subject, u.organization_id) p
            WHERE v.subject = p.subject AND v.organization_id = p.organization_id""")
    void announceAll(String[] subjects, String[] organizationIds, Long[] versions);

    /** The newest version announced for (subject, organization) ({@link #announceAll}); 0 when none. */
    @Query("""
            SELECT COALESCE((SELECT announced FROM organization_authority_version
                             WHERE subject = :subject AND organization_id = :organizationId), 0)""")
    long announced(String subject, UUID organizationId);
}
