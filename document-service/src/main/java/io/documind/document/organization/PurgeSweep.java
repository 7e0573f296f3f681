package io.documind.document.organization;

import io.documind.document.documents.DocumentService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Purges what OrganizationDeleted's own transaction left of a deleted organization's documents, a batch per
 * transaction, in every instance (each batch passes over rows another is deleting). A run takes a bounded number of
 * batches per organization and the next run goes on where it ended. On a stop, the scheduler starts no new run and
 * the one running ends after its batch in hand. A failed batch rolled back whole, its events included: the run goes
 * on with the next organization, and the next run tries it again.
 */
@Singleton
@Requires(property = "documind.document.purge-sweep-enabled", notEquals = "false")
public class PurgeSweep implements GracefulShutdownCapable {

    private static final Logger LOG = LoggerFactory.getLogger(PurgeSweep.class);
    /** The one place the interval's default is set: the scheduler is all that reads it. */
    private static final String INTERVAL = "${documind.document.purge-sweep-interval:5s}";
    /** Organizations looked at per run, and batches per organization per run. */
    private static final int ORGANIZATIONS = 20;
    private static final int BATCHES = 20;

    private final DocumentService documents;
    private volatile boolean stopping;

    public PurgeSweep(DocumentService documents) {
        this.documents = documents;
    }

    @Scheduled(fixedDelay = INTERVAL, initialDelay = INTERVAL)
    void run() {
        if (stopping) {
            return;
        }
        try {
            for (String organizationId : documents.purgesPending(ORGANIZATIONS)) {
                purge(organizationId);
            }
        } catch (RuntimeException e) {
            LOG.warn("Purge sweep failed: {}", e.toString());
        }
    }

    private void purge(String organizationId) {
        int purged = 0;
        try {
            for (int batch = 0; batch < BATCHES && !stopping; batch++) {
                int deleted = documents.purgeMore(organizationId);
                purged += deleted;
                if (deleted == 0) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Purging organization {} failed, tried again next run: {}", organizationId, e.toString());
        }
        if (purged > 0) {
            LOG.info("Organization {} deleted: {} more documents purged", organizationId, purged);
        }
    }

    @Override
    public CompletionStage<?> shutdownGracefully() {
        stopping = true;
        return CompletableFuture.completedFuture(null);
    }
}
