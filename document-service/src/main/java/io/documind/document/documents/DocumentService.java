package io.documind.document.documents;

import io.documind.contracts.events.DocumentCreated;
import io.documind.contracts.events.DocumentDeleted;
import io.documind.contracts.events.DocumentUpdated;
import io.documind.document.limits.WriteCount;
import io.documind.document.limits.DocumentAllowances;
import io.documind.document.limits.DocumentLimitSettings;
import io.documind.document.limits.ListSlots;
import io.documind.kit.outbox.Outbox;
import io.documind.kit.security.AccessToken;
import io.documind.kit.web.ProblemException;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The document rules of DESIGN §5: organization from the token's audience (never from the request), author from
 * its {@code sub}, optimistic concurrency by version, events in the same transaction as the change.
 *
 * <p>Built at start-up, not at the first request that needs it: its constructor checks the limits' settings, and a
 * wrong one must stop the start rather than fail requests.
 */
@Context
public class DocumentService {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_QUERY_LENGTH = 256;

    private final TenantTransactions tenants;
    private final Outbox outbox;
    private final PageCursors cursors;
    private final DocumentAllowances allowances;
    private final ListSlots listSlots;
    private final int purgeBatch;
    private final Duration listTimeout;

    public DocumentService(TenantTransactions tenants, Outbox outbox, PageCursors cursors,
                           DocumentAllowances allowances, ListSlots listSlots, DocumentLimitSettings limits) {
        this.tenants = tenants;
        this.outbox = outbox;
        this.cursors = cursors;
        this.allowances = allowances;
        this.listSlots = listSlots;
        if (limits.getCharactersPerOrganization() < DocumentRules.LARGEST_WRITE) {
            // Else the largest document could never be written, however long its organization waited.
            throw new IllegalArgumentException("documind.document.limits.characters-per-organization must be at least "
                    + DocumentRules.LARGEST_WRITE + " (one document of the largest size)");
        }
        this.listTimeout = limits.getListTimeout();
        this.purgeBatch = limits.getPurgeBatch();
    }

    public Document create(AccessToken caller, String title, String content) {
        String checkedTitle = DocumentRules.title(title);
        String checkedContent = DocumentRules.content(content);
        Instant now = now();
        Document document = new Document(UUID.randomUUID(), caller.organizationId(), checkedTitle, checkedContent,
                caller.subject(), caller.subject(), 1, now, now);
        WriteCount count = allowances.creation(document.organizationId(), document.id(),
                checkedTitle.length() + checkedContent.length(), now);
        Outbox.Entry created = outbox.entry(new DocumentCreated(document.id().toString(), document.organizationId(),
                document.title(), document.authorId()));
        // Also refuses an organization being purged: the count ran after the purge lock (TenantTransactions).
        tenants.create(document, count, created, counted -> allowances.admitCreation(counted, now));
        return document;
    }

    public Document get(AccessToken caller, UUID id) {
        String organization = caller.organizationId();
        return tenants.readDocument(organization, id)
                .orElseThrow(() -> ProblemException.notFound("Document"));
    }

    /** Newest first; {@code q} narrows by full-text search; {@code cursor} continues a previous page. */
    public DocumentPage list(AccessToken caller, @Nullable String q, @Nullable Integer limit, @Nullable String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        String query = q == null ? "" : q.strip();
        if (query.length() > MAX_QUERY_LENGTH) {
            throw ProblemException.badRequest("q", "q must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        String organization = caller.organizationId();
        PageCursor codec = cursors.codec();
        PageCursor.Position after = cursor == null || cursor.isEmpty() ? null : codec.decode(cursor, organization, query);
        // One row more than asked tells whether there is a next page without a count.
        List<DocumentSummary> rows;
        try (ListSlots.Slot running = listSlots.take(organization)) {
            rows = tenants.read(organization, listTimeout,
                    documents -> documents.page(organization, query.isEmpty() ? null : query, after, size + 1));
        }
        if (rows.size() <= size) {
            return new DocumentPage(rows, null);
        }
        List<DocumentSummary> page = List.copyOf(rows.subList(0, size));
        DocumentSummary last = page.getLast();
        return new DocumentPage(page, codec.encode(new PageCursor.Position(last.createdAt(), last.id()), organization,
                query));
    }

    public Document update(AccessToken caller, UUID id, @Nullable String title, @Nullable String content,
                           Preconditions preconditions) {
        if (title == null && content == null) {
            throw ProblemException.badRequest(null, "Nothing to change: give title and/or content");
        }
        String checkedTitle = title == null ? null : DocumentRules.title(title);
        String checkedContent = content == null ? null : DocumentRules.content(content);
        Instant now = now();
        String organization = caller.organizationId();
        Set<Long> versions = preconditions.versionCondition();
        long characters = (checkedTitle == null ? 0 : checkedTitle.length())
                + (checkedContent == null ? 0 : checkedContent.length());
        WriteCount count = allowances.update(organization, id, characters, checkedContent == null, now);
        return tenants.update(organization, count, (counted, documents) -> {
            allowances.admitUpdate(counted, now); // before the new content is written
            int changed = versions == null
                    ? documents.update(organization, id, checkedTitle, checkedContent, caller.subject(), now)
                    : documents.updateOfVersion(organization, id, checkedTitle, checkedContent, caller.subject(),
                    now, versions);
            if (changed != 1) {
                throw missingOrStale(documents, organization, id);
            }
            Document document = documents.findByOrganizationIdAndId(organization, id).orElseThrow();
            outbox.append(new DocumentUpdated(document.id().toString(), document.organizationId(), document.title(),
                    document.version(), caller.subject()));
            return document;
        });
    }

    public void delete(AccessToken caller, UUID id, Preconditions preconditions) {
        String organization = caller.organizationId();
        Set<Long> versions = preconditions.versionCondition();
        tenants.write(organization, documents -> {
            int deleted = versions == null ? documents.deleteByOrganizationIdAndId(organization, id)
                    : documents.deleteByOrganizationIdAndIdAndVersionInList(organization, id, versions);
            if (deleted != 1) {
                throw missingOrStale(documents, organization, id);
            }
            outbox.append(new DocumentDeleted(id.toString(), organization));
            return null;
        });
    }

    /**
     * OrganizationDeleted: the organization is remembered, so a token that has not expired yet cannot start it
     * again, and its documents go, each with its DocumentDeleted: the first {@code purge-batch} here, in the
     * consumer's transaction, the rest by {@link #purgeMore} (PurgeSweep), so one large organization does not hold the
     * consumer, and every other organization's events, for one huge transaction. A second delivery finds nothing
     * left to emit for. A create in flight finishes first and is purged with the rest; one that starts meanwhile
     * waits and is then refused.
     *
     * @return how many documents were purged in this transaction
     */
    public int purgeOrganization(String organizationId) {
        return tenants.write(organizationId, documents -> {
            documents.lockForPurge(DocumentRepository.ORGANIZATION_LOCK, organizationId);
            documents.markOrganizationDeleted(organizationId);
            return purgeBatch(documents, organizationId); // what is left is PurgeSweep's
        });
    }

    /**
     * The next batch of a deleted organization's documents, each with its DocumentDeleted, in a transaction of its
     * own; once none is left the organization is no longer pending. Instances may run this for one organization at
     * once: each deletes rows the others have not locked, and "none left" counts rows still being deleted.
     *
     * @return how many documents were purged
     */
    public int purgeMore(String organizationId) {
        return tenants.write(organizationId, documents -> purgeBatch(documents, organizationId));
    }

    /** Deleted organizations whose documents may not all be purged yet. */
    public List<String> purgesPending(int limit) {
        return tenants.unbound(documents -> documents.purgesPending(limit));
    }

    /**
     * A batch, each with its DocumentDeleted; the organization stays pending while any document is left. Not "while
     * batches are full": a batch passes over rows a request holds (an update that passed its token check before this
     * instance learned of the deletion), and those are left too.
     */
    private int purgeBatch(DocumentRepository documents, String organizationId) {
        List<UUID> purged = documents.deleteSomeOf(organizationId, purgeBatch);
        for (UUID id : purged) {
            outbox.append(new DocumentDeleted(id.toString(), organizationId));
        }
        documents.notePurgeLeft(organizationId);
        return purged.size();
    }

    /** Another organization's document and a missing one answer alike: 404, no hint. */
    private static ProblemException missingOrStale(DocumentRepository documents, String organizationId, UUID id) {
        if (documents.existsByOrganizationIdAndId(organizationId, id)) {
            return new ProblemException(HttpStatus.PRECONDITION_FAILED,
                    "The document changed since you read it (If-Match does not match its ETag)");
        }
        return ProblemException.notFound("Document");
    }

    private static Instant now() {
        // Microseconds: what PostgreSQL stores, so the answer equals what a later read returns.
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
