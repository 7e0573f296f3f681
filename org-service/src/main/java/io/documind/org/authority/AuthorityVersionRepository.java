package io.documind.org.authority;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

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
}
