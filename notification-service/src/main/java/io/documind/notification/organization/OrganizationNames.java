package io.documind.notification.organization;

import io.documind.contracts.events.OrganizationUpdated;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

/** OrganizationUpdated → the directory follows a rename. */
@Singleton
public class OrganizationNames implements EventHandler<OrganizationUpdated> {

    private final OrganizationDirectory directory;

    public OrganizationNames(OrganizationDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void handle(OrganizationUpdated event, EventMetadata metadata) {
        if (event.name() != null) {
            directory.remember(event.organizationId(), event.name());
        }
    }
}
