package io.documind.invitation.limits;

import io.documind.contracts.events.OrganizationCreated;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

import java.time.Instant;

/** OrganizationCreated → when it was created (the envelope's time), for the first-day allowance. */
@Singleton
public class RememberOrganizationBirth implements EventHandler<OrganizationCreated> {

    private final OrganizationBirthRepository births;

    public RememberOrganizationBirth(OrganizationBirthRepository births) {
        this.births = births;
    }

    @Override
    public void handle(OrganizationCreated event, EventMetadata metadata) {
        births.born(event.organizationId(), metadata.time() != null ? metadata.time() : Instant.now());
    }
}
