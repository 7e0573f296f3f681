package io.documind.document.limits;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.UUID;

/** Runs in the tenant transaction (row-level security on the organization), like the documents themselves. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DocumentAllowanceRepository extends GenericRepository<DocumentAllowance, String> {

    /**
     * Counts a creation in the document's shard, moving the shard to the window at {@code windowStart} first: the
     * count of the window it held becomes "before" when that window is the one just ended, else nothing.
     */
    @Query("""
            INSERT INTO document_allowance (organization_id, shard, window_start, created)
            VALUES (:organizationId, document_shard(:documentId), :windowStart, 1)
            ON CONFLICT (organization_id, shard) DO UPDATE SET
                created_before = CASE
                    WHEN document_allowance.window_start = excluded.window_start THEN document_allowance.created_before
                    WHEN document_allowance.window_start = :previousStart THEN document_allowance.created
                    ELSE 0 END,
                created = CASE WHEN document_allowance.window_start = excluded.window_start
                    THEN document_allowance.created + 1 ELSE 1 END,
                window_start = excluded.window_start""")
    void countCreation(String organizationId, UUID documentId, Instant windowStart, Instant previousStart);

    @Query("""
            SELECT coalesce(sum(stored), 0)::bigint AS stored,
                   coalesce(sum(created) FILTER (WHERE window_start = :windowStart), 0)::bigint AS created,
                   coalesce(sum(CASE WHEN window_start = :windowStart THEN created_before
                                     WHEN window_start = :previousStart THEN created ELSE 0 END), 0)::bigint AS created_before
            FROM document_allowance WHERE organization_id = :organizationId""")
    AllowanceUsage usage(String organizationId, Instant windowStart, Instant previousStart);
}
