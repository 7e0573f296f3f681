package io.documind.document.limits;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Counts a creation in the document's shard and reads back what admitting it needs, as one statement (it took
 * three: the organization's deletion marker, the shard's upsert, the sum over the shards). The upsert moves the
 * shard to the window at {@code windowStart} first: the count of the window it held becomes "before" when that
 * window is the one just ended, else nothing. The sum reads the other shards from the table and this one from the
 * upsert's RETURNING, since a statement does not see its own CTE's writes.
 *
 * <p>Not run here: the create sends it in the same message as its binding and purge lock
 * ({@code TenantTransactions#create}), so a creation costs one round trip less. Plain JDBC for that reason, and
 * because micronaut-data classifies a raw query by its keywords, so a {@code @Query} holding an INSERT runs as a
 * write and cannot map rows to a result.
 */
public record CreationCount(String organizationId, UUID documentId, Instant windowStart, Instant previousStart) {

    /** The organization as a creation sees it, this creation counted. */
    public record Counted(boolean organizationDeleted, AllowanceUsage usage) {
    }

    public static final String SQL = """
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

    /** Sets {@link #SQL}'s parameters, the first at index {@code first} (it follows other statements' in its message). */
    public void bind(PreparedStatement s, int first) throws SQLException {
        OffsetDateTime window = OffsetDateTime.ofInstant(windowStart, ZoneOffset.UTC);
        OffsetDateTime previous = OffsetDateTime.ofInstant(previousStart, ZoneOffset.UTC);
        s.setString(first, organizationId);
        s.setObject(first + 1, documentId);
        s.setObject(first + 2, window);
        s.setObject(first + 3, previous);
        s.setString(first + 4, organizationId);
        s.setObject(first + 5, window);
        s.setObject(first + 6, window);
        s.setObject(first + 7, previous);
        s.setString(first + 8, organizationId);
    }

    /** Reads the statement's one row (an aggregate: there always is one). */
    public static Counted read(ResultSet row) throws SQLException {
        if (!row.next()) {
            throw new SQLException("the creation count answered no row");
        }
        return new Counted(row.getBoolean("deleted"), new AllowanceUsage(row.getLong("stored"),
                row.getLong("created"), row.getLong("created_before")));
    }
}
