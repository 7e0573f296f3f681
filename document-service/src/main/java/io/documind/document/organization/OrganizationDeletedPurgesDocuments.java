package io.documind.document.organization;

import io.documind.contracts.events.OrganizationDeleted;
import io.documind.document.documents.DocumentService;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** OrganizationDeleted → its documents are purged, each with DocumentDeleted (DESIGN §6). */
@Singleton
public class OrganizationDeletedPurgesDocuments implements EventHandler<OrganizationDeleted> {

    private static final Logger LOG = LoggerFactory.getLogger(OrganizationDeletedPurgesDocuments.class);

    private final DocumentService documents;

    public OrganizationDeletedPurgesDocuments(DocumentService documents) {
        this.documents = documents;
    }

    @Override
    public void handle(OrganizationDeleted event, EventMetadata metadata) {
        int purged = documents.purgeOrganization(event.organizationId());
        LOG.info("Organization {} deleted: {} documents purged", event.organizationId(), purged);
    }
}
