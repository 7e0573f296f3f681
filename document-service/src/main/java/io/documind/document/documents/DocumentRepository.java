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

    /**
     * How many of the organization's newest documents (per row asked for) a search reads through the newest-first
     * index before it turns to the GIN index: enough for a word in 1% of the documents to fill its page there.
     */
    int WALK_ROWS_PER_MATCH = 100;

    /** A first, short walk (rows per row asked for): a word with no match there goes to the GIN index at once. */
    int PROBE_ROWS_PER_MATCH = 10;

    /**
     * The longest walk (rows per row asked for), taken only when the walk's own matches say it should fill the page:
     * for a word in about 0.25% of the documents or more.
     */
    int LONGEST_WALK_ROWS_PER_MATCH = 400;

    /** Rows a walk reads for the cost of one match the GIN path reads and sorts (see {@link #walkBeatsIndex}). */
    double ROWS_WALKED_PER_MATCH_SORTED = 2.5;

    /**
     * Runs the rest of the transaction as the restricted role, bound to the organization (see
     * {@link TenantTransactions}); both revert at commit or rollback.
     */
    @Query("SELECT set_config('role', :role, true) || set_config(:setting, :organizationId, true)")
    String bind(String role, String setting, String organizationId);

    /**
     * {@link #bind}, and every later statement of the transaction stopped after {@code timeout} (PostgreSQL's
     * {@code statement_timeout} syntax, as {@code 3000ms}); still one round trip.
     */
    @Query("""
            SELECT set_config('role', :role, true) || set_config(:setting, :organizationId, true)
                   || set_config('statement_timeout', :timeout, true)""")
    String bindWithin(String role, String setting, String organizationId, String timeout);

    Optional<Document> findByOrganizationIdAndId(String organizationId, UUID id);

    boolean existsByOrganizationIdAndId(String organizationId, UUID id);

    /**
     * Newest first, after {@code after} when given; {@code query} (websearch syntax: words, "phrases", -not, or)
     * narrows to documents matching it. Reads {@code limit} rows.
     *
     * <p>A search takes one of two plans, because no single plan is good for both kinds of words, and neither
     * PostgreSQL's estimates for text search (table-wide, not per organization) nor ours can tell them apart
     * beforehand. First it walks the newest-first index from the cursor and tests each row, reading at most
     * {@link #WALK_ROWS_PER_MATCH} rows per row asked for: a common word fills its page there, after about
     * {@code limit / frequency} rows whatever the organization's size. Only when the walk falls short does the GIN
     * index find all matches, which are few then (or the organization is small), to sort them. So neither plan
     * reads every match of a common word. A short probe walk comes first ({@link #PROBE_ROWS_PER_MATCH}): a word
     * it does not meet at all goes to the GIN index at once, so a rare word costs only that probe more. A walk that
     * met the word but fell short is followed by one longer walk when its count says that one will fill the page
     * and costs less than the GIN index would for an organization of this size ({@link #rowsToFill},
     * {@link #walkBeatsIndex}).
     *
     * <p>One statement per combination rather than "(:x IS NULL OR ...)": each keeps the plan it was written for.
     */
    default List<DocumentSummary> page(String organizationId, @Nullable String query,
                                       @Nullable PageCursor.Position after, int limit) {
        if (query == null) {
            return after == null ? newest(organizationId, limit)
                    : newestBefore(organizationId, after.createdAt(), after.id(), limit);
        }
        List<DocumentSummary> recent = walk(organizationId, query, after, limit * PROBE_ROWS_PER_MATCH, limit);
        if (!recent.isEmpty() && recent.size() < limit) {
            recent = walk(organizationId, query, after, limit * WALK_ROWS_PER_MATCH, limit);
            long toFill = rowsToFill(recent.size(), limit);
            if (toFill > 0 && walkBeatsIndex(toFill, recent.size(), limit, stored(organizationId))) {
                int budget = (int) Math.min(toFill + toFill / 2, (long) limit * LONGEST_WALK_ROWS_PER_MATCH);
                recent = walk(organizationId, query, after, budget, limit);
            }
        }
        if (recent.size() == limit) {
            return recent;
        }
        planForThisOrganization();
        return after == null ? allMatching(organizationId, query, limit)
                : allMatchingBefore(organizationId, query, after.createdAt(), after.id(), limit);
    }

    /**
     * After the walk of {@link #WALK_ROWS_PER_MATCH} met the word {@code met} times and fell short (so it read all its
     * rows): about how many rows a walk would read to fill the page, {@code limit / frequency} with the frequency the
     * walk saw; 0 when it met nothing, filled the page, or would need more than {@link #LONGEST_WALK_ROWS_PER_MATCH}.
     */
    static long rowsToFill(int met, int limit) {
        if (met <= 0 || met >= limit) {
            return 0;
        }
        long walked = (long) limit * WALK_ROWS_PER_MATCH;
        long estimate = (limit * walked + met - 1) / met;
        return estimate > (long) limit * LONGEST_WALK_ROWS_PER_MATCH ? 0 : estimate;
    }

    /**
     * Whether walking {@code rowsToFill} rows costs less than the GIN index reading and sorting every match in the
     * organization ({@code stored} documents at the frequency the walk saw). Measured with the benchmark's word in
     * 0.5% of the documents: a walked row costs about 0.4 of a match the index path reads, so in 10,000 documents
     * (50 matches) the index wins, in a million (5,000) a walk of about 4,400 rows does (10 ms against 14).
     */
    static boolean walkBeatsIndex(long rowsToFill, int met, int limit, long stored) {
        double matches = (double) met * stored / ((long) limit * WALK_ROWS_PER_MATCH);
        return rowsToFill <= ROWS_WALKED_PER_MATCH_SORTED * matches;
    }

    /** How many documents the organization stores: its shards' counts, kept by triggers on every insert and delete. */
    @Query("SELECT coalesce(sum(stored), 0) FROM document_allowance WHERE organization_id = :organizationId")
    long stored(String organizationId);

    private List<DocumentSummary> walk(String organizationId, String query, @Nullable PageCursor.Position after,
                                       int budget, int limit) {
        return after == null ? recentMatching(organizationId, query, budget, limit)
                : recentMatchingBefore(organizationId, query, after.createdAt(), after.id(), budget, limit);
    }

    String SUMMARY_COLUMNS = "id, title, author_id, version, created_at, updated_at";
    String SUMMARIES = "SELECT " + SUMMARY_COLUMNS + " FROM document WHERE organization_id = :organizationId";
    String MATCHING = " search @@ websearch_to_tsquery('english', :query)";
    String BEFORE = " AND (created_at, id) < (:createdAt, :id)";
    String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC LIMIT :limit";

    @Query(SUMMARIES + NEWEST_FIRST)
    List<DocumentSummary> newest(String organizationId, int limit);

    @Query(SUMMARIES + BEFORE + NEWEST_FIRST)
    List<DocumentSummary> newestBefore(String organizationId, Instant createdAt, UUID id, int limit);

    /**
     * The walk: the newest {@code budget} documents, tested in order until {@code limit} match. The LIMIT inside
     * keeps the text condition out of the index scan, so PostgreSQL cannot trade the walk for a sort of all matches.
     */
    String WALK = "SELECT " + SUMMARY_COLUMNS + " FROM (SELECT " + SUMMARY_COLUMNS + ", search FROM document"
            + " WHERE organization_id = :organizationId";
    String WALKED = " ORDER BY created_at DESC, id DESC LIMIT :budget) recent WHERE" + MATCHING + NEWEST_FIRST;

    @Query(WALK + WALKED)
    List<DocumentSummary> recentMatching(String organizationId, String query, int budget, int limit);

    @Query(WALK + BEFORE + WALKED)
    List<DocumentSummary> recentMatchingBefore(String organizationId, String query, Instant createdAt, UUID id,
                                               int budget, int limit);

    /**
     * The GIN lookup's plan must know the organization: the driver prepares statements on the server after a few
     * runs, and PostgreSQL's generic plan for them, not knowing which organization (nor how small), reads every
     * match of the word in all organizations and filters them afterwards (measured: 20,200 rows read to find a
     * 10k-document organization's 200). For the rest of the transaction, plans are made for the values given.
     */
    @Query("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)")
    String planForThisOrganization();

    /**
     * {@link #MATCHING}, with the GIN index of each organization's own words (V5) to find the candidates: the lookup
     * reads this organization's entries only, so its time says nothing about other organizations' documents. The
     * index answers a superset (no phrases, no negation: {@code document_search_query}) and {@link #MATCHING} decides.
     * A query the index cannot answer at all (only negations) makes {@code document_search_query} NULL, and the rows
     * are tested one by one; the plans here are made for the values given ({@link #planForThisOrganization}), so
     * PostgreSQL settles that while planning and the condition left is the index's alone.
     */
    String INDEXED_MATCHING = MATCHING
            + " AND (document_search_query(:organizationId, websearch_to_tsquery('english', :query)) IS NULL"
            + " OR document_search_words(organization_id, search)"
            + " @@ document_search_query(:organizationId, websearch_to_tsquery('english', :query)))";

    /**
     * Every match through the GIN index, sorted. MATERIALIZED keeps the ordering out of the lookup, so PostgreSQL
     * cannot turn it back into a walk; only (id, created_at) of the matches are held, the page's rows are read after.
     */
    String ALL_MATCHING = "WITH hits AS MATERIALIZED (SELECT id, created_at FROM document"
            + " WHERE organization_id = :organizationId AND" + INDEXED_MATCHING;
    String ALL_MATCHING_PAGE = """
            )
            SELECT d.id, d.title, d.author_id, d.version, d.created_at, d.updated_at
            FROM (SELECT id, created_at FROM hits ORDER BY created_at DESC, id DESC LIMIT :limit) page
            JOIN document d ON d.organization_id = :organizationId AND d.id = page.id
            ORDER BY page.created_at DESC, page.id DESC""";

    @Query(ALL_MATCHING + ALL_MATCHING_PAGE)
    List<DocumentSummary> allMatching(String organizationId, String query, int limit);

    @Query(ALL_MATCHING + BEFORE + ALL_MATCHING_PAGE)
    List<DocumentSummary> allMatchingBefore(String organizationId, String query, Instant createdAt, UUID id,
                                            int limit);

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

    /**
     * Deletes up to {@code limit} of the organization's documents, passing over those another purge has locked.
     * @return the ids deleted
     */
    @Query("""
            DELETE FROM document WHERE organization_id = :organizationId
              AND id IN (SELECT id FROM document WHERE organization_id = :organizationId LIMIT :limit
                         FOR UPDATE SKIP LOCKED)
            RETURNING id""")
    List<UUID> deleteSomeOf(String organizationId, int limit);

    /**
     * The deleted organization stays pending for PurgeSweep while any of its documents is left, counting those
     * another transaction is deleting now (pending a moment too long at worst, never too short).
     */
    @Query("""
            UPDATE deleted_organization
            SET purge_pending = EXISTS (SELECT 1 FROM document WHERE organization_id = :organizationId)
            WHERE organization_id = :organizationId""")
    void notePurgeLeft(String organizationId);

    /** Deleted organizations whose documents may not all be purged yet (read without a tenant binding). */
    @Query("SELECT organization_id FROM deleted_organization WHERE purge_pending ORDER BY deleted_at LIMIT :limit")
    List<String> purgesPending(int limit);

    /**
     * The exclusive side of the purge lock a create holds shared ({@link TenantTransactions#create}): waits for
     * creates in flight, holds off new ones.
     */
    @Query("SELECT pg_advisory_xact_lock(:lockClass, hashtext(:organizationId))")
    String lockForPurge(int lockClass, String organizationId);

    @Query("INSERT INTO deleted_organization (organization_id) VALUES (:organizationId) ON CONFLICT DO NOTHING")
    void markOrganizationDeleted(String organizationId);
}
