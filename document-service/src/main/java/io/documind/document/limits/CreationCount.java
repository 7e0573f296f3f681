package io.documind.document.limits;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Counts a creation in the document's shard and reads back what admitting it needs, in one round trip (it took
 * three: the organization's deletion marker, the shard's upsert, the sum over the shards). The upsert moves the
 * shard to the window at {@code windowStart} first: the count of the window it held becomes "before" when that
 * window is the one just ended, else nothing. The sum reads the other shards from the table and this one from the
 * upsert's RETURNING, since a statement does not see its own CTE's writes.
 *
 * <p>Plain JDBC on the tenant transaction's connection: micronaut-data classifies a raw query by its keywords, so a
 * {@code @Query} holding an INSERT runs as a write and cannot map rows to a result.
 */
@Singleton
class CreationCount {

    /** The organization as a creation sees it, this creation counted. */
    record Counted(boolean organizationDeleted, AllowanceUsage usage) {
    }

    private static final String COUNT = """
            WITH mine AS (
                INSERT INTO document_allowance (organization_id, shard, window_start, created)
                VALUES (?, document_shard(?), ?, 1)
                ON CONFLICT (organization_id, shard) DO UPDATE SET
                    created_before = CASE
                        WHEN document_allowance.window_start = excluded.window_start
                            THEN document_allowance.created_before
                        WHEN document_allowance.window_start = ? THEN document_allowance.created
                        ELSE 0 END,
                    created = CASE WHEN document_allowance.window_start = excluded.window_start
                        THEN document_allowance.created + 1 ELSE 1 END,
                    window_start = excluded.window_start
                RETURNING shard, stored, window_start, created, created_before)
            SELECT EXISTS (SELECT 1 FROM deleted_organization WHERE organization_id = ?) AS deleted,
                   coalesce(sum(stored), 0)::bigint AS stored,
                   coalesce(sum(created) FILTER (WHERE window_start = ?), 0)::bigint AS created,
                   coalesce(sum(CASE WHEN window_start = ? THEN created_before
                                     WHEN window_start = ? THEN created ELSE 0 END), 0)::bigint AS created_before
            FROM (SELECT stored, window_start, created, created_before FROM document_allowance
                  WHERE organization_id = ? AND shard <> (SELECT shard FROM mine)
                  UNION ALL
                  SELECT stored, window_start, created, created_before FROM mine) AS shards""";

    private final TransactionOperations<Connection> transactions;

    CreationCount(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Runs in the caller's tenant transaction (row-level security on the organization). */
    Counted count(String organizationId, UUID documentId, Instant windowStart, Instant previousStart) {
        OffsetDateTime window = OffsetDateTime.ofInstant(windowStart, ZoneOffset.UTC);
        OffsetDateTime previous = OffsetDateTime.ofInstant(previousStart, ZoneOffset.UTC);
        try (PreparedStatement s = transactions.getConnection().prepareStatement(COUNT)) {
            s.setString(1, organizationId);
            s.setObject(2, documentId);
            s.setObject(3, window);
            s.setObject(4, previous);
            s.setString(5, organizationId);
            s.setObject(6, window);
            s.setObject(7, window);
            s.setObject(8, previous);
            s.setString(9, organizationId);
            try (ResultSet row = s.executeQuery()) {
                row.next(); // an aggregate: always one row
                return new Counted(row.getBoolean("deleted"), new AllowanceUsage(row.getLong("stored"),
                        row.getLong("created"), row.getLong("created_before")));
            }
        } catch (SQLException e) {
            // As a repository statement fails: the kit's DatabaseFailures answers an outage 503, not 500.
            throw new DataAccessException("cannot count a document creation", e);
        }
    }
}
