package io.documind.document.documents;

import io.documind.document.limits.WriteCount;
import io.documind.kit.outbox.Outbox;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The only way to the documents: a transaction bound to one organization, in which row-level security applies.
 *
 * <p>Each transaction starts with {@code SET LOCAL ROLE documind_document_app} and the organization as a
 * transaction-local setting (the PostgREST pattern, via {@code set_config(..., true)}). Why per transaction and
 * not a separate login: the service keeps one datasource whose user owns the schema and runs Flyway, the outbox
 * relay and the consumer's bookkeeping; only tenant work drops to the restricted role, and both the role and the
 * organization revert at commit or rollback, so a pooled connection can never carry a tenant into the next use.
 * The role is no superuser, has no BYPASSRLS and owns nothing, and the table has FORCE ROW LEVEL SECURITY, so the
 * policy holds even for a query that forgot its {@code organization_id} filter.
 *
 * <p>Joins the caller's transaction when there is one (the event consumer's), else opens its own.
 *
 * <p>The binding costs no round trip of its own on the hot paths (JFR on {@code ./dev bench documents}: round trips
 * to PostgreSQL were most of a request's wall time): {@link #create} sends the binding, its purge lock, the
 * allowance count, the document and its event as one message, and {@link #readDocument} the binding and the select,
 * committed by its Sync.
 */
@Singleton
public class TenantTransactions {

    /** The PostgreSQL role tenant work runs as (created by V1__documents.sql). */
    public static final String APP_ROLE = "documind_document_app";
    /** The transaction-local setting the row-level security policy reads. */
    public static final String ORGANIZATION_SETTING = "documind.organization_id";

    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;
    private final DocumentRepository documents;
    private final Outbox outbox;

    public TenantTransactions(TransactionOperations<Connection> transactions,
                              ConnectionOperations<Connection> connections, DocumentRepository documents,
                              Outbox outbox) {
        this.transactions = transactions;
        this.connections = connections;
        this.documents = documents;
        this.outbox = outbox;
    }

    /** Work on tables without row-level security, in a transaction of the service's own role (no tenant bound). */
    public <T> T unbound(Function<DocumentRepository, T> work) {
        return transactions.executeRead(status -> work.apply(documents));
    }

    public <T> T write(String organizationId, Function<DocumentRepository, T> work) {
        return transactions.executeWrite(status -> work.apply(bind(organizationId)));
    }

    /**
     * A read whose statements stop after {@code limit} (a 503 then, see the kit's DatabaseFailures): a list or
     * search's cost follows the organization's data and the words asked for (a phrase the GIN index cannot rule
     * out is checked document by document), and ten such requests at a time would otherwise hold every pooled
     * connection, and the database's CPU, away from every other organization's requests.
     */
    public <T> T read(String organizationId, Duration limit, Function<DocumentRepository, T> work) {
        return transactions.executeRead(status -> {
            documents.bindWithin(APP_ROLE, ORGANIZATION_SETTING, organizationId, limit.toMillis() + "ms");
            return work.apply(documents);
        });
    }

    /**
     * Creations of at most this many characters (title and content) are written before they are admitted (see
     * {@link #create}); a refused one then costs the database little more than its count. A larger one (up to
     * 256 KiB, whose words the database stems and indexes) is admitted first, so a client over its organization's rate
     * cannot keep the database busy with large creations that are refused anyway.
     */
    public static final int WRITTEN_BEFORE_ADMISSION = 4096;

    /**
     * A document's creation. Its first round trip binds the transaction, takes the shared side of the organization's
     * purge lock and runs the creation's {@link WriteCount}; for a document of at most
     * {@link #WRITTEN_BEFORE_ADMISSION} characters the same message also carries the document's INSERT and its
     * event's outbox row (four statements, executed in order), so the COMMIT is the only other round trip (a
     * creation took four before; its request thread spent half its time in them). A larger document's INSERT and
     * outbox row go as a second message once admitted. {@code admit} gets the count and refuses by throwing, which
     * rolls the whole transaction back: document, event and count. The count always runs before the INSERT, so its
     * stored total leaves this document out, as the quota expects.
     *
     * <p>Why the lock: it orders creating against purging (see {@link DocumentService#purgeOrganization}): a create
     * holds it shared until it commits, a purge holds it exclusively. So a create either commits before the purge's
     * DELETE runs, which then deletes its document too, or reads the organization's deletion marker (in the count)
     * only after the purge committed, and is refused. Without it, READ COMMITTED lets a create that checked before
     * the purge's marker commit a document the purge's DELETE did not see. Creates do not wait for each other.
     */
    public void create(Document document, WriteCount count, Outbox.Entry created,
                       Consumer<WriteCount.Counted> admit) {
        String organizationId = document.organizationId();
        // The binding's organization is the document's: the count must be this document's, and the event (by its
        // record key) of this organization (the outbox table has no row-level security to catch another
        // organization's event). Which document the event names is the caller's to get right.
        if (!count.organizationId().equals(organizationId) || !count.documentId().equals(document.id())
                || !created.key().equals(organizationId)) {
            throw new IllegalArgumentException("the count must be the document's own and the event its organization's");
        }
        boolean writtenFirst = document.title().length() + document.content().length() <= WRITTEN_BEFORE_ADMISSION;
        transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            if (writtenFirst) {
                admit.accept(afterBinding(connection, organizationId, BIND_AGAINST_PURGE,
                        WriteCount.SQL + "; " + INSERT_DOCUMENT + "; " + Outbox.Entry.INSERT,
                        s -> created.bind(s,
                                insertDocument(s, countAfterPurgeLock(s, organizationId, count), document)),
                        0, WriteCount::read, "creating a document"));
            } else {
                admit.accept(afterBinding(connection, organizationId, BIND_AGAINST_PURGE, WriteCount.SQL,
                        s -> countAfterPurgeLock(s, organizationId, count), 0, WriteCount::read,
                        "counting a document creation"));
                try (PreparedStatement s = connection.prepareStatement(INSERT_DOCUMENT + "; " + Outbox.Entry.INSERT)) {
                    created.bind(s, insertDocument(s, 1, document));
                    s.execute();
                } catch (SQLException e) {
                    throw new TenantStatementException("creating a document", e);
                }
            }
            return outbox.appended(created);
        });
    }

    /** {@link #BIND_AGAINST_PURGE}'s lock and then {@link WriteCount}'s parameters; returns the next index. */
    private static int countAfterPurgeLock(PreparedStatement s, String organizationId, WriteCount count)
            throws SQLException {
        s.setInt(4, DocumentRepository.ORGANIZATION_LOCK);
        s.setString(5, organizationId);
        return count.bind(s, 6);
    }

    /**
     * {@link #write} for an update: its first round trip binds the transaction, locks the document's row and runs
     * the update's {@link WriteCount}, as one message, and {@code work} gets the count. The document first: DELETE and
     * the purge lock the document's row and then (their trigger) its shard's allowance row, and an update counting
     * first would take the two the other way round and deadlock with them. No purge lock: an update finds no
     * document once the purge has deleted it, and its count rolls back with it.
     */
    public <T> T update(String organizationId, WriteCount count,
                        BiFunction<WriteCount.Counted, DocumentRepository, T> work) {
        return transactions.executeWrite(status -> work.apply(afterBinding(status.getConnection(), organizationId,
                BIND, LOCK_DOCUMENT + "; " + WriteCount.SQL, s -> {
                    s.setString(4, organizationId);
                    s.setObject(5, count.documentId());
                    count.bind(s, 6);
                }, 1, WriteCount::read, "counting a document update"), documents));
    }

    /**
     * One document in one round trip: the binding and the select go as one prepared statement holding both, which
     * pgjdbc sends as one message (each parsed, bound and executed in order, then one Sync). On an auto-commit
     * connection PostgreSQL runs everything before a Sync as one implicit transaction, so the select runs as the
     * restricted role with the organization set, as after {@link #read}, and both revert at the Sync, which also
     * commits: no BEGIN or COMMIT of its own. Were the two ever split into two transactions, the select would run
     * with no organization set and row-level security would show it nothing (a 404, never another tenant's row).
     * Plain JDBC because a micronaut-data method runs one statement per call.
     */
    public Optional<Document> readDocument(String organizationId, UUID id) {
        return connections.executeRead(status -> afterBinding(status.getConnection(), organizationId, BIND, DOCUMENT,
                s -> {
                    s.setString(4, organizationId);
                    s.setObject(5, id);
                }, 0, row -> row.next() ? Optional.of(document(row)) : Optional.empty(), "reading a document"));
    }

    /** Sets a bound message's parameters from the fourth on (the binding's role, setting and organization come first). */
    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    /** Reads the result of the statement that follows the binding. */
    private interface Rows<R> {
        R read(ResultSet rows) throws SQLException;
    }

    /**
     * {@code binding} and {@code statement} as one prepared statement, which pgjdbc sends as one message (each parsed,
     * bound and executed in order, then one Sync): the binding's row is passed over, and so are the results of the
     * first {@code passedOver} statements in {@code statement}; the next one's rows are read. Failures are raised as
     * micronaut-data's would be ({@link TenantStatementException}).
     */
    private static <R> R afterBinding(Connection connection, String organizationId, String binding, String statement,
                                      Parameters parameters, int passedOver, Rows<R> rows, String doing) {
        try (PreparedStatement s = connection.prepareStatement(binding + "; " + statement)) {
            s.setString(1, APP_ROLE);
            s.setString(2, ORGANIZATION_SETTING);
            s.setString(3, organizationId);
            parameters.set(s);
            s.execute(); // the binding's row
            for (int i = 0; i <= passedOver; i++) {
                if (!s.getMoreResults()) {
                    throw new IllegalStateException("a statement after the binding answered no rows");
                }
            }
            try (ResultSet result = s.getResultSet()) {
                return rows.read(result);
            }
        } catch (SQLException e) {
            throw new TenantStatementException(doing, e);
        }
    }

    private static final String BIND = "SELECT set_config('role', ?, true) || set_config(?, ?, true)";
    /** {@link #BIND} once the shared side of the organization's purge lock (class, organization) is held. */
    private static final String BIND_AGAINST_PURGE = BIND
            + " FROM (SELECT pg_advisory_xact_lock_shared(?, hashtext(?))) AS purge_lock";
    /** The document's row, locked as an UPDATE or DELETE of it would lock it (a result to pass over). */
    private static final String LOCK_DOCUMENT =
            "SELECT 1 FROM document WHERE organization_id = ? AND id = ? FOR NO KEY UPDATE";
    private static final String INSERT_DOCUMENT = "INSERT INTO document (id, organization_id, title, content,"
            + " author_id, updated_by, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String DOCUMENT = "SELECT id, organization_id, title, content, author_id, updated_by,"
            + " version, created_at, updated_at FROM document WHERE organization_id = ? AND id = ?";

    /** Sets {@link #INSERT_DOCUMENT}'s parameters from {@code first}; returns the next statement's first index. */
    private static int insertDocument(PreparedStatement s, int first, Document document) throws SQLException {
        int i = first;
        s.setObject(i++, document.id());
        s.setString(i++, document.organizationId());
        s.setString(i++, document.title());
        s.setString(i++, document.content());
        s.setString(i++, document.authorId());
        s.setString(i++, document.updatedBy());
        s.setLong(i++, document.version());
        s.setObject(i++, OffsetDateTime.ofInstant(document.createdAt(), ZoneOffset.UTC));
        s.setObject(i++, OffsetDateTime.ofInstant(document.updatedAt(), ZoneOffset.UTC));
        return i;
    }

    private static Document document(ResultSet row) throws SQLException {
        return new Document(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getLong(7),
                row.getObject(8, OffsetDateTime.class).toInstant(),
                row.getObject(9, OffsetDateTime.class).toInstant());
    }

    /**
     * A failed tenant statement outside micronaut-data, raised as micronaut-data's would be, so the kit's
     * DatabaseFailures answers an outage 503, not 500.
     */
    static final class TenantStatementException extends io.micronaut.data.exceptions.DataAccessException {
        TenantStatementException(String doing, SQLException cause) {
            super("Error " + doing + ": " + cause.getMessage(), cause);
        }
    }

    /** Binds the transaction in hand (the repository runs on it) to the organization. */
    private DocumentRepository bind(String organizationId) {
        documents.bind(APP_ROLE, ORGANIZATION_SETTING, organizationId);
        return documents;
    }
}
