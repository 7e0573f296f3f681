package io.documind.org.organization;

import io.documind.contracts.events.Actor;
import io.documind.contracts.events.OrganizationCreated;
import io.documind.contracts.events.OrganizationDeleted;
import io.documind.contracts.events.OrganizationUpdated;
import io.documind.kit.outbox.Outbox;
import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemException;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
     *
     * @param creator null when a machine (Management API) creates it
     */
    @Transactional
    public Organization create(String name, String description, Actor creator) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Organization organization = organizations.save(new Organization(UUID.randomUUID(), name.strip(),
                description, creator == null ? null : creator.userId(), now, now));
        outbox.append(new OrganizationCreated(organization.id().toString(), organization.name(),
                organization.description(), creator));
        return organization;
    }

    @Transactional
    public Organization get(UUID id) {
        return organizations.findById(id).orElseThrow(() -> ProblemException.notFound("Organization"));
    }

    @Transactional
    public Organization update(UUID id, String name, String description) {
        Organization o = get(id);
        Organization updated = organizations.update(new Organization(o.id(),
                name == null ? o.name() : name.strip(),
                description == null ? o.description() : description,
                o.createdBy(), o.createdAt(), Instant.now().truncatedTo(ChronoUnit.MICROS)));
        outbox.append(new OrganizationUpdated(updated.id().toString(), updated.name(), updated.description()));
        return updated;
    }

    /** Deletes the organization with its memberships; other services purge their parts on OrganizationDeleted. */
    @Transactional
    public void delete(UUID id) {
        organizations.delete(get(id));
        outbox.append(new OrganizationDeleted(id.toString()));
    }

    @Transactional
    public List<Organization> search(String q, PageRequest page) {
        return organizations.search(like(q), page.pageSize(), page.offset());
    }

    @Transactional
    public long count(String q) {
        return organizations.countSearch(like(q));
    }

    /** A case-insensitive substring pattern with LIKE's wildcards escaped, or null for "everything". */
    public static String like(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        String escaped = q.strip().toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
