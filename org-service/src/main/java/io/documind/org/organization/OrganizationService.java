package io.documind.org.organization;

import io.documind.contracts.events.Actor;
import io.documind.contracts.events.OrganizationCreated;
import io.documind.kit.outbox.Outbox;
import io.documind.org.identity.CurrentUser;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

@Singleton
public class OrganizationService {

    private final OrganizationRepository organizations;
    private final Outbox outbox;

    public OrganizationService(OrganizationRepository organizations, Outbox outbox) {
        this.organizations = organizations;
        this.outbox = outbox;
    }

    /**
     * Stores the organization and its OrganizationCreated event in one transaction. The creator is not made a
     * member here: this service's own consumer of the event does that (DESIGN §5), so every path to a
     * membership (creator, invitation, Management API) goes through events the same way.
     */
    @Transactional
    public Organization create(String name, String description, CurrentUser creator) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Organization organization = organizations.save(new Organization(UUID.randomUUID(), name.strip(),
                description, creator.userId(), now, now));
        outbox.append(new OrganizationCreated(organization.id().toString(), organization.name(),
                organization.description(), new Actor(creator.userId(), creator.email())));
        return organization;
    }
}
