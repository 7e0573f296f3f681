package io.documind.invitation.directory;

import io.documind.contracts.events.OrganizationCreated;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

/** OrganizationCreated → the organization is known by name (invitations may name it). */
@Singleton
public class RememberOrganization implements EventHandler<OrganizationCreated> {

    private final Directory directory;

    public RememberOrganization(Directory directory) {
        this.directory = directory;
    }

    @Override
    public void handle(OrganizationCreated event, EventMetadata metadata) {
        directory.rememberOrganization(event.organizationId(), event.name());
    }
}
