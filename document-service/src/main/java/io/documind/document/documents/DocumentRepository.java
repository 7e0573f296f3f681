package io.documind.document.documents;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Documents, reached only through {@link TenantTransactions}, which binds the transaction to one organization
 * (row-level security, the second layer) before handing this out. Every statement still names the organization
 * (the first layer).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DocumentRepository extends GenericRepository<Document, UUID> {

    /** Advisory lock class of "an organization's documents" (the key within it is the organization's hash). */
    int ORGANIZATION_LOCK = 7301;

    /** Beyond this many matches a search is "common" and walks the newest-first index instead (see {@link #page}). */
    int SELECTIVE_SEARCH_CAP = 5000;

    /**
     * Runs the rest of the transaction as the restricted role, bound to the organization (see
     * {@link TenantTransactions}); both revert at commit or rollback.
     */
    @Query("SELECT set_config('role', :role, true) || set_config(:setting, :organizationId, true)")
    String bind(String role, String setting, String organizationId);

    Document save(Document document);

    Optional<Document> findByOrganizationIdAndId(String organizationId, UUID id);

    boolean existsByOrganizationIdAndId(String organizationId, UUID id);

    /**
     * Newest first, after {@code after} when given; {@code query} (websearch syntax: words, "phrases", -not, or)
     * narrows to documents matching it. Reads {@code limit} rows.
     *
     * <p>A search takes one of two plans, because no single plan is good for both kinds of words: a rare word is
     * found through the GIN index (all matches, sorted — bounded by {@link #SELECTIVE_SEARCH_CAP}), a common word
     * by walking the newest-first index and testing each row (it stops after {@code limit} matches, which come
     * soon when the word is common). The first plan is tried first; when it finds more matches than the cap it
     * gives up and the second runs. PostgreSQL's own estimates for text search are too coarse to choose.
     *
     * <p>One statement per combination rather than "(:x IS NULL OR ...)": each keeps the plan it has always had.
     */
    default List<DocumentSummary> page(String organizationId, @Nullable String query,
                                       @Nullable PageCursor.Position after, int limit) {
        if (query == null) {
            return after == null ? newest(organizationId, limit)
                    : newestBefore(organizationId, after.createdAt(), after.id(), limit);
        }
        List<SearchHit> hits = after == null
                ? selectiveSearch(organizationId, query, SELECTIVE_SEARCH_CAP + 1, limit)
                : selectiveSearchBefore(organizationId, query, after.createdAt(), after.id(),
                SELECTIVE_SEARCH_CAP + 1, limit);
        if (hits.isEmpty() || hits.getFirst().hits() <= SELECTIVE_SEARCH_CAP) {
            return hits.stream().map(SearchHit::summary).toList();
        }
        return after == null ? newestMatching(organizationId, query, limit)
                : newestMatchingBefore(organizationId, query, after.createdAt(), after.id(), limit);
    }

    String SUMMARIES = "SELECT id, title, author_id, version, created_at, updated_at FROM document"
            + " WHERE organization_id = :organizationId";
    String MATCHING = " AND search @@ websearch_to_tsquery('english', :query)";
    String BEFORE = " AND (created_at, id) < (:createdAt, :id)";
    String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC LIMIT :limit";

    @Query(SUMMARIES + NEWEST_FIRST)
    List<DocumentSummary> newest(String organizationId, int limit);

    @Query(SUMMARIES + BEFORE + NEWEST_FIRST)
    List<DocumentSummary> newestBefore(String organizationId, Instant createdAt, UUID id, int limit);

    @Query(SUMMARIES + MATCHING + NEWEST_FIRST)
    List<DocumentSummary> newestMatching(String organizationId, String query, int limit);

    @Query(SUMMARIES + MATCHING + BEFORE + NEWEST_FIRST)
    List<DocumentSummary> newestMatchingBefore(String organizationId, String query, Instant createdAt, UUID id,
                                               int limit);

    /** All matches through the GIN index, up to {@code cap}; each row also says how many there were. */
    @Query("""
            WITH hits AS MATERIALIZED (
                SELECT id, created_at FROM document
                WHERE organization_id = :organizationId AND search @@ websearch_to_tsquery('english', :query)
                LIMIT :cap)""" + SELECTIVE_PAGE)
    List<SearchHit> selectiveSearch(String organizationId, String query, int cap, int limit);

    @Query("""
            WITH hits AS MATERIALIZED (
                SELECT id, created_at FROM document
                WHERE organization_id = :organizationId AND search @@ websearch_to_tsquery('english', :query)
                    AND (created_at, id) < (:createdAt, :id)
                LIMIT :cap)""" + SELECTIVE_PAGE)
    List<SearchHit> selectiveSearchBefore(String organizationId, String query, Instant createdAt, UUID id, int cap,
                                          int limit);

    /** The page of a selective search: its rows, each with the number of matches (up to the cap). */
    String SELECTIVE_PAGE = """

            SELECT d.id, d.title, d.author_id, d.version, d.created_at, d.updated_at,
                   (SELECT count(*) FROM hits) AS hits
            FROM (SELECT id, created_at FROM hits ORDER BY created_at DESC, id DESC LIMIT :limit) page
            JOIN document d ON d.organization_id = :organizationId AND d.id = page.id
            ORDER BY page.created_at DESC, page.id DESC""";

    /** A row of a selective search. */
    @Introspected
    record SearchHit(UUID id, String title, String authorId, long version, Instant createdAt, Instant updatedAt,
                     long hits) {
        DocumentSummary summary() {
            return new DocumentSummary(id, title, authorId, version, createdAt, updatedAt);
        }
    }

    /** A null title or content keeps the current one. */
    String UPDATE = """
            UPDATE document SET title = COALESCE(:title, title), content = COALESCE(:content, content),
                updated_by = :updatedBy, updated_at = :now, version = version + 1
            WHERE organization_id = :organizationId AND id = :id""";

    /**
     * Applies the changes and bumps the version. The row lock taken by UPDATE makes concurrent updates queue up.
     * Not {@code RETURNING}: micronaut-data 4.14 answers a native {@code UPDATE ... RETURNING} with the id, not the
     * entity, so the caller reads the document back in the same transaction.
     *
     * @return 1, or 0 when it does not exist
     */
    @Query(UPDATE)
    int update(String organizationId, UUID id, @Nullable String title, @Nullable String content, String updatedBy,
               Instant now);

    /**
     * {@link #update} if the document still has one of {@code versions}: the condition is re-checked after waiting
     * for the row lock, so exactly one of two updates of the same version wins.
     */
    @Query(UPDATE + " AND version IN (:versions)")
    int updateOfVersion(String organizationId, UUID id, @Nullable String title, @Nullable String content,
                        String updatedBy, Instant now, Collection<Long> versions);

    int deleteByOrganizationIdAndId(String organizationId, UUID id);

    int deleteByOrganizationIdAndIdAndVersionInList(String organizationId, UUID id, Collection<Long> version);

    /** Deletes every document of the organization. @return the ids deleted */
    @Query("DELETE FROM document WHERE organization_id = :organizationId RETURNING id")
    List<UUID> deleteAllOf(String organizationId);

    /**
     * {@link #bind}, and orders creating against purging (see {@link DocumentService#create} and
     * {@link DocumentService#purgeOrganization}): a create holds this lock shared until it commits, a purge holds it
     * exclusively. So a create either commits before the purge's DELETE runs, which then deletes its document too, or
     * checks for the deletion (in a later statement, so with a snapshot taken after the lock) only after the purge
     * committed, and is refused. Without it, READ COMMITTED lets a create that checked before the purge's marker
     * commit a document the purge's DELETE did not see. Creates do not wait for each other. One statement, so the
     * create's first round trip does both.
     */
    @Query("SELECT set_config('role', :role, true) || set_config(:setting, :organizationId, true)"
            + " FROM (SELECT pg_advisory_xact_lock_shared(:lockClass, hashtext(:organizationId))) AS purge_lock")
    String bindAgainstPurge(String role, String setting, String organizationId, int lockClass);

    /** The exclusive side of {@link #bindAgainstPurge}: waits for creates in flight, holds off new ones. */
    @Query("SELECT pg_advisory_xact_lock(:lockClass, hashtext(:organizationId))")
    String lockForPurge(int lockClass, String organizationId);

    @Query("SELECT EXISTS (SELECT 1 FROM deleted_organization WHERE organization_id = :organizationId)")
    boolean isOrganizationDeleted(String organizationId);

    @Query("INSERT INTO deleted_organization (organization_id) VALUES (:organizationId) ON CONFLICT DO NOTHING")
    void markOrganizationDeleted(String organizationId);
}
