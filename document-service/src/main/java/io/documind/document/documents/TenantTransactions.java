package io.documind.document.documents;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
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
 */
@Singleton
public class TenantTransactions {

    /** The PostgreSQL role tenant work runs as (created by V1__documents.sql). */
    public static final String APP_ROLE = "documind_document_app";
    /** The transaction-local setting the row-level security policy reads. */
    public static final String ORGANIZATION_SETTING = "documind.organization_id";

    private final TransactionOperations<Connection> transactions;
    private final DocumentRepository documents;

    public TenantTransactions(TransactionOperations<Connection> transactions, DocumentRepository documents) {
        this.transactions = transactions;
        this.documents = documents;
    }

    public <T> T write(String organizationId, Function<DocumentRepository, T> work) {
        return transactions.executeWrite(status -> work.apply(bind(organizationId)));
    }

    public <T> T read(String organizationId, Function<DocumentRepository, T> work) {
        return transactions.executeRead(status -> work.apply(bind(organizationId)));
    }

    /** Binds the transaction in hand (the repository runs on it) to the organization. */
    private DocumentRepository bind(String organizationId) {
        documents.bind(APP_ROLE, ORGANIZATION_SETTING, organizationId);
        return documents;
    }
}
