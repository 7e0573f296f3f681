package io.documind.document.documents;

import io.micronaut.core.annotation.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Documents of one organization, in plain SQL on a transaction {@link TenantTransactions} bound to it. Every
 * statement still names the organization (first layer); row-level security is the second.
 */
public class DocumentRepository {

    private static final String COLUMNS =
            "id, organization_id, title, content, author_id, updated_by, version, created_at, updated_at";

    /** Advisory lock class of "an organization's documents" (the key within it is the organization's hash). */
    private static final int ORGANIZATION_LOCK = 7301;

    private final Connection connection;
    private final String organizationId;

    DocumentRepository(Connection connection, String organizationId) {
        this.connection = connection;
        this.organizationId = organizationId;
    }

    public String organizationId() {
        return organizationId;
    }

    public void insert(Document d) {
        run("INSERT INTO document (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", s -> {
            s.setObject(1, d.id());
            s.setString(2, organizationId);
            s.setString(3, d.title());
            s.setString(4, d.content());
            s.setString(5, d.authorId());
            s.setString(6, d.updatedBy());
            s.setLong(7, d.version());
            s.setObject(8, timestamp(d.createdAt()));
            s.setObject(9, timestamp(d.updatedAt()));
            s.executeUpdate();
            return null;
        });
    }

    public Optional<Document> find(UUID id) {
        return run("SELECT " + COLUMNS + " FROM document WHERE organization_id = ? AND id = ?", s -> {
            s.setString(1, organizationId);
            s.setObject(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(document(rs)) : Optional.empty();
            }
        });
    }

    /** Beyond this many matches a search is "common" and walks the newest-first index instead (see {@link #page}). */
    static final int SELECTIVE_SEARCH_CAP = 5000;

    /**
     * Newest first, after {@code after} when given; {@code query} (websearch syntax: words, "phrases", -not, or)
     * narrows to documents matching it. Reads {@code limit} rows.
     *
     * <p>A search takes one of two plans, because no single plan is good for both kinds of words: a rare word is
     * found through the GIN index (all matches, sorted — bounded by {@link #SELECTIVE_SEARCH_CAP}), a common word
     * by walking the newest-first index and testing each row (it stops after {@code limit} matches, which come
     * soon when the word is common). The first plan is tried first; when it finds more matches than the cap it
     * gives up and the second runs. PostgreSQL's own estimates for text search are too coarse to choose.
     */
    public List<DocumentSummary> page(@Nullable String query, @Nullable PageCursor.Position after, int limit) {
        if (query == null) {
            return newestFirst(null, after, limit);
        }
        List<DocumentSummary> selective = selectiveSearch(query, after, limit);
        return selective != null ? selective : newestFirst(query, after, limit);
    }

    private List<DocumentSummary> newestFirst(@Nullable String query, @Nullable PageCursor.Position after, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, title, author_id, version, created_at, updated_at FROM document WHERE organization_id = ?");
        if (query != null) {
            sql.append(" AND search @@ websearch_to_tsquery('english', ?)");
        }
        if (after != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        return run(sql.toString(), s -> {
            int i = 1;
            s.setString(i++, organizationId);
            if (query != null) {
                s.setString(i++, query);
            }
            if (after != null) {
                s.setObject(i++, timestamp(after.createdAt()));
                s.setObject(i++, after.id());
            }
            s.setInt(i, limit);
            List<DocumentSummary> page = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    page.add(summary(rs));
                }
            }
            return page;
        });
    }

    /** @return the page, or null when the query matches more than the cap (then the newest-first walk is better) */
    @Nullable
    private List<DocumentSummary> selectiveSearch(String query, @Nullable PageCursor.Position after, int limit) {
        String sql = """
                WITH hits AS MATERIALIZED (
                    SELECT id, created_at FROM document
                    WHERE organization_id = ? AND search @@ websearch_to_tsquery('english', ?)%s
                    LIMIT ?)
                SELECT d.id, d.title, d.author_id, d.version, d.created_at, d.updated_at, (SELECT count(*) FROM hits)
                FROM (SELECT id, created_at FROM hits ORDER BY created_at DESC, id DESC LIMIT ?) page
                JOIN document d ON d.organization_id = ? AND d.id = page.id
                ORDER BY page.created_at DESC, page.id DESC""".formatted(
                after == null ? "" : " AND (created_at, id) < (?, ?)");
        return run(sql, s -> {
            int i = 1;
            s.setString(i++, organizationId);
            s.setString(i++, query);
            if (after != null) {
                s.setObject(i++, timestamp(after.createdAt()));
                s.setObject(i++, after.id());
            }
            s.setInt(i++, SELECTIVE_SEARCH_CAP + 1);
            s.setInt(i++, limit);
            s.setString(i, organizationId);
            List<DocumentSummary> page = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(7) > SELECTIVE_SEARCH_CAP) {
                        return null;
                    }
                    page.add(summary(rs));
                }
            }
            return page;
        });
    }

    private static DocumentSummary summary(ResultSet rs) throws SQLException {
        return new DocumentSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getLong(4),
                instant(rs, 5), instant(rs, 6));
    }

    /**
     * Applies the changes and bumps the version, if the document exists and (when {@code acceptedVersions} is
     * given) still has one of those versions. The row lock taken by UPDATE makes concurrent updates queue up, and
     * the version condition is re-checked after the wait, so exactly one of two updates of the same version wins.
     *
     * @param acceptedVersions null: any version will do
     * @return the updated document; empty when nothing matched (absent, or another version)
     */
    public Optional<Document> update(UUID id, @Nullable String title, @Nullable String content, String updatedBy,
                                     Instant now, @Nullable Collection<Long> acceptedVersions) {
        String sql = "UPDATE document SET title = COALESCE(?, title), content = COALESCE(?, content), "
                + "updated_by = ?, updated_at = ?, version = version + 1 "
                + "WHERE organization_id = ? AND id = ?" + (acceptedVersions != null ? " AND version = ANY (?)" : "")
                + " RETURNING " + COLUMNS;
        return run(sql, s -> {
            s.setString(1, title);
            s.setString(2, content);
            s.setString(3, updatedBy);
            s.setObject(4, timestamp(now));
            s.setString(5, organizationId);
            s.setObject(6, id);
            if (acceptedVersions != null) {
                s.setArray(7, connection.createArrayOf("bigint", acceptedVersions.toArray()));
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(document(rs)) : Optional.empty();
            }
        });
    }

    /**
     * @param acceptedVersions null: any version will do
     * @return whether a row was deleted (it existed, and had one of {@code acceptedVersions} when given)
     */
    public boolean delete(UUID id, @Nullable Collection<Long> acceptedVersions) {
        String sql = "DELETE FROM document WHERE organization_id = ? AND id = ?"
                + (acceptedVersions != null ? " AND version = ANY (?)" : "");
        return run(sql, s -> {
            s.setString(1, organizationId);
            s.setObject(2, id);
            if (acceptedVersions != null) {
                s.setArray(3, connection.createArrayOf("bigint", acceptedVersions.toArray()));
            }
            return s.executeUpdate() == 1;
        });
    }

    public boolean exists(UUID id) {
        return run("SELECT 1 FROM document WHERE organization_id = ? AND id = ?", s -> {
            s.setString(1, organizationId);
            s.setObject(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        });
    }

    /** Deletes every document of the organization. @return the ids deleted */
    public List<UUID> deleteAll() {
        return run("DELETE FROM document WHERE organization_id = ? RETURNING id", s -> {
            s.setString(1, organizationId);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        });
    }

    /**
     * Orders creating against purging (see {@link DocumentService#create} and {@link DocumentService#purgeOrganization}):
     * a create holds this lock shared until it commits, a purge holds it exclusively. So a create either commits
     * before the purge's DELETE runs, which then deletes its document too, or checks for the deletion only after the
     * purge committed, and is refused. Without it, READ COMMITTED lets a create that checked before the purge's
     * marker commit a document the purge's DELETE did not see. Creates do not wait for each other.
     */
    public void lockAgainstPurge() {
        lockOrganization("pg_advisory_xact_lock_shared");
    }

    /** The exclusive side of {@link #lockAgainstPurge()}: waits for creates in flight, holds off new ones. */
    public void lockForPurge() {
        lockOrganization("pg_advisory_xact_lock");
    }

    private void lockOrganization(String function) {
        run("SELECT " + function + "(?, hashtext(?))", s -> {
            s.setInt(1, ORGANIZATION_LOCK);
            s.setString(2, organizationId);
            s.executeQuery().close();
            return null;
        });
    }

    public boolean isOrganizationDeleted() {
        return run("SELECT 1 FROM deleted_organization WHERE organization_id = ?", s -> {
            s.setString(1, organizationId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        });
    }

    public void markOrganizationDeleted() {
        run("INSERT INTO deleted_organization (organization_id) VALUES (?) ON CONFLICT DO NOTHING", s -> {
            s.setString(1, organizationId);
            return s.executeUpdate();
        });
    }

    private static Document document(ResultSet rs) throws SQLException {
        return new Document(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getLong(7), instant(rs, 8), instant(rs, 9));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    @FunctionalInterface
    private interface Statement<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    private <T> T run(String sql, Statement<T> work) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            return work.run(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("document query failed: " + e.getMessage(), e);
        }
    }
}
