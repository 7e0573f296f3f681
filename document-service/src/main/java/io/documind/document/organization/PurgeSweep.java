package io.documind.document.organization;

import io.documind.document.documents.DocumentService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges what OrganizationDeleted's own transaction left of a large organization's documents, a batch per
 * transaction, in every instance (they share the work: each batch passes over rows another is deleting). A tick
 * takes a bounded number of batches per organization, so a stop waits for one batch at most, and the next tick
 * goes on where it ended.
 */
@Singleton
@Requires(property = "documind.document.purge-sweep-enabled", notEquals = "false")
public class PurgeSweep {

    private static final Logger LOG = LoggerFactory.getLogger(PurgeSweep.class);
    /** Organizations looked at per tick, and batches per organization per tick. */
    private static final int ORGANIZATIONS = 20;
    private static final int BATCHES = 20;

    private final DocumentService documents;

    public PurgeSweep(DocumentService documents) {
        this.documents = documents;
    }

    @Scheduled(fixedDelay = "${documind.document.purge-sweep-interval:5s}",
            initialDelay = "${documind.document.purge-sweep-interval:5s}")
    void sweep() {
        for (String organizationId : documents.purgesPending(ORGANIZATIONS)) {
            int purged = 0;
            for (int batch = 0; batch < BATCHES; batch++) {
                int deleted = documents.purgeMore(organizationId);
                purged += deleted;
                if (deleted == 0) {
                    break;
                }
            }
            if (purged > 0) {
                LOG.info("Organization {} deleted: {} more documents purged", organizationId, purged);
            }
        }
    }
}
