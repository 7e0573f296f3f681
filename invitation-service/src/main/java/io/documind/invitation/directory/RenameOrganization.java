package io.documind.invitation.directory;

import io.documind.contracts.events.OrganizationUpdated;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

/** OrganizationUpdated → the new name goes into the next invitation emails and landing pages. */
@Singleton
public class RenameOrganization implements EventHandler<OrganizationUpdated> {

    private final Directory directory;

    public RenameOrganization(Directory directory) {
        this.directory = directory;
    }

    @Override
    public void handle(OrganizationUpdated event, EventMetadata metadata) {
        directory.rememberOrganization(event.organizationId(), event.name());
    }
}
