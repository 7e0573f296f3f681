package io.documind.document.documents;

import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
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
 * to PostgreSQL were most of a request's wall time): a create binds in the statement that takes its purge lock, and
 * {@link #readDocument} sends the binding and the select as one message, committed by its Sync.
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

    public TenantTransactions(TransactionOperations<Connection> transactions,
                              ConnectionOperations<Connection> connections, DocumentRepository documents) {
        this.transactions = transactions;
        this.connections = connections;
        this.documents = documents;
    }

    public <T> T write(String organizationId, Function<DocumentRepository, T> work) {
        return transactions.executeWrite(status -> work.apply(bind(organizationId)));
    }

    public <T> T read(String organizationId, Function<DocumentRepository, T> work) {
        return transactions.executeRead(status -> work.apply(bind(organizationId)));
    }

    /**
     * {@link #write}, bound and holding the shared side of the organization's purge lock
     * ({@link DocumentRepository#bindAgainstPurge}) from its first statement.
     */
    public <T> T create(String organizationId, Function<DocumentRepository, T> work) {
        return transactions.executeWrite(status -> {
            documents.bindAgainstPurge(APP_ROLE, ORGANIZATION_SETTING, organizationId,
                    DocumentRepository.ORGANIZATION_LOCK);
            return work.apply(documents);
        });
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
        return connections.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(BIND + "; " + DOCUMENT)) {
                s.setString(1, APP_ROLE);
                s.setString(2, ORGANIZATION_SETTING);
                s.setString(3, organizationId);
                s.setString(4, organizationId);
                s.setObject(5, id);
                s.execute(); // the binding's row
                if (!s.getMoreResults()) {
                    throw new IllegalStateException("the select after the binding answered no rows");
                }
                try (ResultSet row = s.getResultSet()) {
                    return row.next() ? Optional.of(document(row)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new TenantReadException(e);
            }
        });
    }

    private static final String BIND = "SELECT set_config('role', ?, true) || set_config(?, ?, true)";
    private static final String DOCUMENT = "SELECT id, organization_id, title, content, author_id, updated_by,"
            + " version, created_at, updated_at FROM document WHERE organization_id = ? AND id = ?";

    private static Document document(ResultSet row) throws SQLException {
        return new Document(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getLong(7),
                row.getObject(8, java.time.OffsetDateTime.class).toInstant(),
                row.getObject(9, java.time.OffsetDateTime.class).toInstant());
    }

    /** A failed tenant read outside micronaut-data (which would raise its DataAccessException). */
    static final class TenantReadException extends io.micronaut.data.exceptions.DataAccessException {
        TenantReadException(SQLException cause) {
            super("Error reading a document: " + cause.getMessage(), cause);
        }
    }

    /** Binds the transaction in hand (the repository runs on it) to the organization. */
    private DocumentRepository bind(String organizationId) {
        documents.bind(APP_ROLE, ORGANIZATION_SETTING, organizationId);
        return documents;
    }
}
