package io.documind.document.documents;

import io.documind.kit.jdbc.Sql;
import io.micronaut.core.annotation.Nullable;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final String SUMMARY_COLUMNS = "id, title, author_id, version, created_at, updated_at";

    /** Advisory lock class of "an organization's documents" (the key within it is the organization's hash). */
    private static final int ORGANIZATION_LOCK = 7301;

    private final Sql sql;
    private final String organizationId;

    DocumentRepository(Sql sql, String organizationId) {
        this.sql = sql;
        this.organizationId = organizationId;
    }

    public void insert(Document d) {
        sql.update("INSERT INTO document (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                d.id(), organizationId, d.title(), d.content(), d.authorId(), d.updatedBy(), d.version(),
                d.createdAt(), d.updatedAt());
    }

    public Optional<Document> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM document WHERE organization_id = ? AND id = ?",
                DocumentRepository::document, organizationId, id);
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
        StringBuilder statement = new StringBuilder(
                "SELECT " + SUMMARY_COLUMNS + " FROM document WHERE organization_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(organizationId));
        if (query != null) {
            statement.append(" AND search @@ websearch_to_tsquery('english', ?)");
            parameters.add(query);
        }
        if (after != null) {
            statement.append(" AND (created_at, id) < (?, ?)");
            parameters.add(after.createdAt());
            parameters.add(after.id());
        }
        statement.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        parameters.add(limit);
        return sql.list(statement.toString(), DocumentRepository::summary, parameters.toArray());
    }

    /** @return the page, or null when the query matches more than the cap (then the newest-first walk is better) */
    @Nullable
    private List<DocumentSummary> selectiveSearch(String query, @Nullable PageCursor.Position after, int limit) {
        String statement = """
                WITH hits AS MATERIALIZED (
                    SELECT id, created_at FROM document
                    WHERE organization_id = ? AND search @@ websearch_to_tsquery('english', ?)%s
                    LIMIT ?)
                SELECT d.id, d.title, d.author_id, d.version, d.created_at, d.updated_at,
                       (SELECT count(*) FROM hits) AS hits
                FROM (SELECT id, created_at FROM hits ORDER BY created_at DESC, id DESC LIMIT ?) page
                JOIN document d ON d.organization_id = ? AND d.id = page.id
                ORDER BY page.created_at DESC, page.id DESC""".formatted(
                after == null ? "" : " AND (created_at, id) < (?, ?)");
        List<Object> parameters = new ArrayList<>(List.of(organizationId, query));
        if (after != null) {
            parameters.add(after.createdAt());
            parameters.add(after.id());
        }
        parameters.add(SELECTIVE_SEARCH_CAP + 1);
        parameters.add(limit);
        parameters.add(organizationId);
        record Hit(DocumentSummary summary, long hits) {
        }
        List<Hit> page = sql.list(statement, rs -> new Hit(summary(rs), rs.getLong("hits")), parameters.toArray());
        if (!page.isEmpty() && page.getFirst().hits() > SELECTIVE_SEARCH_CAP) {
            return null;
        }
        return page.stream().map(Hit::summary).toList();
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
        String statement = "UPDATE document SET title = COALESCE(?, title), content = COALESCE(?, content), "
                + "updated_by = ?, updated_at = ?, version = version + 1 "
                + "WHERE organization_id = ? AND id = ?" + (acceptedVersions != null ? " AND version = ANY (?)" : "")
                + " RETURNING " + COLUMNS;
        // A null title or content binds NULL, and COALESCE keeps the current value.
        List<Object> parameters = new ArrayList<>(Arrays.asList(title, content, updatedBy, now, organizationId, id));
        if (acceptedVersions != null) {
            parameters.add(acceptedVersions.toArray(Long[]::new));
        }
        return sql.one(statement, DocumentRepository::document, parameters.toArray());
    }

    /**
     * @param acceptedVersions null: any version will do
     * @return whether a row was deleted (it existed, and had one of {@code acceptedVersions} when given)
     */
    public boolean delete(UUID id, @Nullable Collection<Long> acceptedVersions) {
        if (acceptedVersions == null) {
            return sql.update("DELETE FROM document WHERE organization_id = ? AND id = ?", organizationId, id) == 1;
        }
        return sql.update("DELETE FROM document WHERE organization_id = ? AND id = ? AND version = ANY (?)",
                organizationId, id, acceptedVersions.toArray(Long[]::new)) == 1;
    }

    public boolean exists(UUID id) {
        return sql.one("SELECT 1 FROM document WHERE organization_id = ? AND id = ?", rs -> true, organizationId, id)
                .isPresent();
    }

    /** Deletes every document of the organization. @return the ids deleted */
    public List<UUID> deleteAll() {
        return sql.list("DELETE FROM document WHERE organization_id = ? RETURNING id",
                rs -> rs.getObject("id", UUID.class), organizationId);
    }

    /**
     * Orders creating against purging (see {@link DocumentService#create} and {@link DocumentService#purgeOrganization}):
     * a create holds this lock shared until it commits, a purge holds it exclusively. So a create either commits
     * before the purge's DELETE runs, which then deletes its document too, or checks for the deletion only after the
     * purge committed, and is refused. Without it, READ COMMITTED lets a create that checked before the purge's
     * marker commit a document the purge's DELETE did not see. Creates do not wait for each other.
     */
    public void lockAgainstPurge() {
        sql.one("SELECT pg_advisory_xact_lock_shared(?, hashtext(?))", rs -> true, ORGANIZATION_LOCK, organizationId);
    }

    /** The exclusive side of {@link #lockAgainstPurge()}: waits for creates in flight, holds off new ones. */
    public void lockForPurge() {
        sql.one("SELECT pg_advisory_xact_lock(?, hashtext(?))", rs -> true, ORGANIZATION_LOCK, organizationId);
    }

    public boolean isOrganizationDeleted() {
        return sql.one("SELECT 1 FROM deleted_organization WHERE organization_id = ?", rs -> true, organizationId)
                .isPresent();
    }

    public void markOrganizationDeleted() {
        sql.update("INSERT INTO deleted_organization (organization_id) VALUES (?) ON CONFLICT DO NOTHING",
                organizationId);
    }

    private static Document document(ResultSet rs) throws SQLException {
        return new Document(rs.getObject("id", UUID.class), rs.getString("organization_id"), rs.getString("title"),
                rs.getString("content"), rs.getString("author_id"), rs.getString("updated_by"),
                rs.getLong("version"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    private static DocumentSummary summary(ResultSet rs) throws SQLException {
        return new DocumentSummary(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("author_id"),
                rs.getLong("version"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
