package io.documind.document.limits;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Counts a write (a creation or an update) in the document's shard and reads back what admitting it needs, as one
 * statement (it took three: the organization's deletion marker, the shard's upsert, the sum over the shards). The
 * upsert moves the shard to the window at {@code windowStart} first: each count of the window it held becomes
 * "before" when that window is the one just ended, else nothing. Only forward: a write that read the clock just
 * before a window's end (or on an instance whose clock is behind) but counts after another moved the shard on is
 * counted in the newer window, instead of taking the shard back and dropping its counts, and is weighed against that
 * window's sums. The counts (creations, updates, characters written) share the shard's window, so every rate uses one
 * window length. The sum reads the other shards from the table and this one from the upsert's
 * RETURNING, since a statement does not see its own CTE's writes.
 *
 * <p>Not run here: the create (or update) sends it in the same message as its binding
 * ({@code TenantTransactions#create}, {@code #update}), so a write costs one round trip less. Plain JDBC for that
 * reason, and because micronaut-data classifies a raw query by its keywords, so a {@code @Query} holding an INSERT
 * runs as a write and cannot map rows to a result.
 */
public record WriteCount(String organizationId, UUID documentId, Instant windowStart, Instant previousStart,
                         Kind kind, long characters, boolean keepsStoredContent) {

    public enum Kind { CREATION, UPDATE }

    /**
     * The organization as a write sees it, this write counted; {@code characters} is what this write was counted
     * as (see {@link #keepsStoredContent}).
     */
    public record Counted(boolean organizationDeleted, AllowanceUsage usage, long characters) {
    }

    /**
     * The characters of a creation (title and content), or of an update (the title and content it gives).
     * {@code keepsStoredContent}: an update of the title alone, which the database pays for as for the whole
     * document (the search column is computed again from both and indexed again), is counted with the stored
     * content's length as well, read by the statement from the row the update's message has just locked.
     */
    public WriteCount {
        if (characters < 0) {
            throw new IllegalArgumentException("a write brings no negative text");
        }
    }

    public static final String SQL = """
            WITH this_write AS (
                SELECT CAST(? AS bigint) + coalesce(
                    (SELECT length(content) FROM document WHERE CAST(? AS boolean) AND organization_id = ? AND id = ?),
                    0) AS characters),
            mine AS (
                INSERT INTO document_allowance (organization_id, shard, window_start, created, updated, written)
                VALUES (?, document_shard(?), ?, ?, ?, (SELECT characters FROM this_write))
                ON CONFLICT (organization_id, shard) DO UPDATE SET
                    created_before = CASE
                        WHEN document_allowance.window_start >= excluded.window_start
                            THEN document_allowance.created_before
                        WHEN document_allowance.window_start = ? THEN document_allowance.created
                        ELSE 0 END,
                    created = CASE WHEN document_allowance.window_start >= excluded.window_start
                        THEN document_allowance.created + excluded.created ELSE excluded.created END,
                    updated_before = CASE
                        WHEN document_allowance.window_start >= excluded.window_start
                            THEN document_allowance.updated_before
                        WHEN document_allowance.window_start = ? THEN document_allowance.updated
                        ELSE 0 END,
                    updated = CASE WHEN document_allowance.window_start >= excluded.window_start
                        THEN document_allowance.updated + excluded.updated ELSE excluded.updated END,
                    written_before = CASE
                        WHEN document_allowance.window_start >= excluded.window_start
                            THEN document_allowance.written_before
                        WHEN document_allowance.window_start = ? THEN document_allowance.written
                        ELSE 0 END,
                    written = CASE WHEN document_allowance.window_start >= excluded.window_start
                        THEN document_allowance.written + excluded.written ELSE excluded.written END,
                    window_start = greatest(document_allowance.window_start, excluded.window_start)
                RETURNING shard, stored, window_start, created, created_before, updated, updated_before, written,
                    written_before),
            -- The windows as the shard now has them: its own, newer than the caller's when another write moved it
            -- on first (a clock behind), so this write is summed where it was counted.
            windows AS (
                SELECT window_start AS current_start,
                       window_start - (CAST(? AS timestamptz) - CAST(? AS timestamptz)) AS previous_start
                FROM mine)
            SELECT EXISTS (SELECT 1 FROM deleted_organization WHERE organization_id = ?) AS deleted,
                   coalesce(sum(stored), 0)::bigint AS stored,
                   coalesce(sum(created) FILTER (WHERE window_start = current_start), 0)::bigint AS created,
                   coalesce(sum(CASE WHEN window_start = current_start THEN created_before
                                     WHEN window_start = previous_start THEN created ELSE 0 END), 0)::bigint
                       AS created_before,
                   coalesce(sum(updated) FILTER (WHERE window_start = current_start), 0)::bigint AS updated,
                   coalesce(sum(CASE WHEN window_start = current_start THEN updated_before
                                     WHEN window_start = previous_start THEN updated ELSE 0 END), 0)::bigint
                       AS updated_before,
                   coalesce(sum(written) FILTER (WHERE window_start = current_start), 0)::bigint AS written,
                   coalesce(sum(CASE WHEN window_start = current_start THEN written_before
                                     WHEN window_start = previous_start THEN written ELSE 0 END), 0)::bigint
                       AS written_before,
                   (SELECT characters FROM this_write) AS characters
            FROM (SELECT stored, window_start, created, created_before, updated, updated_before, written,
                         written_before
                  FROM document_allowance
                  WHERE organization_id = ? AND shard <> (SELECT shard FROM mine)
                  UNION ALL
                  SELECT stored, window_start, created, created_before, updated, updated_before, written,
                         written_before FROM mine) AS shards
                 CROSS JOIN windows""";

    /**
     * Sets {@link #SQL}'s parameters, the first at index {@code first} (it follows other statements' in its message).
     *
     * @return the index of the next statement's first parameter
     */
    public int bind(PreparedStatement s, int first) throws SQLException {
        OffsetDateTime window = OffsetDateTime.ofInstant(windowStart, ZoneOffset.UTC);
        OffsetDateTime previous = OffsetDateTime.ofInstant(previousStart, ZoneOffset.UTC);
        int i = first;
        s.setLong(i++, characters);
        s.setBoolean(i++, keepsStoredContent);
        s.setString(i++, organizationId);
        s.setObject(i++, documentId);
        s.setString(i++, organizationId);
        s.setObject(i++, documentId);
        s.setObject(i++, window);
        s.setInt(i++, kind == Kind.CREATION ? 1 : 0);
        s.setInt(i++, kind == Kind.UPDATE ? 1 : 0);
        s.setObject(i++, previous);
        s.setObject(i++, previous);
        s.setObject(i++, previous);
        s.setObject(i++, window); // the window's length, as window - previous
        s.setObject(i++, previous);
        s.setString(i++, organizationId);
        s.setString(i++, organizationId);
        return i;
    }

    /** Reads the statement's one row (an aggregate: there always is one). */
    public static Counted read(ResultSet row) throws SQLException {
        if (!row.next()) {
            throw new SQLException("the write count answered no row");
        }
        return new Counted(row.getBoolean("deleted"), new AllowanceUsage(row.getLong("stored"),
                row.getLong("created"), row.getLong("created_before"), row.getLong("updated"),
                row.getLong("updated_before"), row.getLong("written"), row.getLong("written_before")),
                row.getLong("characters"));
    }
}
