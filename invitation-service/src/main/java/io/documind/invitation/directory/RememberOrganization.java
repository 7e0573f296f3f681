package io.documind.invitation.directory;

import io.documind.contracts.events.OrganizationCreated;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

/**
 * OrganizationCreated → the organization is known by name (invitations may name it); an invitation waiting for it
 * goes on.
 */
@Singleton
public class RememberOrganization implements EventHandler<OrganizationCreated> {

    private final Directory directory;
    private final Arrivals arrivals;

    public RememberOrganization(Directory directory, Arrivals arrivals) {
        this.directory = directory;
        this.arrivals = arrivals;
    }

    @Override
    public void handle(OrganizationCreated event, EventMetadata metadata) {
        directory.rememberOrganization(event.organizationId(), event.name());
        arrivals.organizationArrived(event.organizationId());
    }
}
