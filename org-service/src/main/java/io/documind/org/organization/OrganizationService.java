package io.documind.org.organization;

import io.documind.contracts.events.Actor;
import io.documind.contracts.events.OrganizationBranding;
import io.documind.contracts.events.OrganizationCreated;
import io.documind.contracts.events.OrganizationDeleted;
import io.documind.contracts.events.OrganizationUpdated;
import io.documind.kit.outbox.Outbox;
import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemException;
import io.documind.org.limits.LimitSettings;
import io.documind.org.membership.MemberAnnouncements;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Singleton
public class OrganizationService {

    private final OrganizationRepository organizations;
    private final Outbox outbox;
    private final OrganizationFields fields;
    private final LimitSettings limits;
    private final MemberAnnouncements members;

    public OrganizationService(OrganizationRepository organizations, Outbox outbox, OrganizationFields fields,
                               LimitSettings limits, MemberAnnouncements members) {
        this.organizations = organizations;
        this.outbox = outbox;
        this.fields = fields;
        this.limits = limits;
        this.members = members;
    }

    /**
     * Stores the organization and its OrganizationCreated event in one transaction. The creator is not made a
     * member here: this service's own consumer of the event does that (DESIGN §5), so every path to a
     * membership (creator, invitation, Management API) goes through events the same way.
     *
     * @param creator null when a machine (Management API) creates it
     */
    @Transactional
    public Organization create(OrganizationRequests.Create request, Actor creator) {
        if (creator != null) {
            refuseOverCreatorCap(creator.userId());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OrganizationRequests.Branding branding = request.branding();
        Organization organization = organizations.save(new Organization(UUID.randomUUID(), request.name().strip(),
                request.description(), creator == null ? null : creator.userId(), now, now,
                fields.customData(request.customData() == null ? Map.of() : request.customData()),
                Boolean.TRUE.equals(request.isMfaRequired()),
                branding == null ? null : OrganizationFields.logoUrl(branding.logoUrl(), "branding.logoUrl"),
                branding == null ? null : OrganizationFields.logoUrl(branding.darkLogoUrl(), "branding.darkLogoUrl")));
        outbox.append(new OrganizationCreated(organization.id().toString(), organization.name(),
                organization.description(), creator, organization.customData(), organization.mfaRequired(),
                branding(organization)));
        return organization;
    }

    /**
     * A user may have created at most {@code organizations-per-creator} organizations that still exist. The creator's
     * row lock makes its parallel creations count one after the other (then the count reads what the others
     * committed), so none slips past the cap. Waiting does not help, deleting one does: 422, not 429.
     */
    private void refuseOverCreatorCap(String userId) {
        organizations.lockCreator(userId);
        if (organizations.countCreatedBy(userId) >= limits.getOrganizationsPerCreator()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "You created " + limits.getOrganizationsPerCreator()
                    + " organizations already, the most one user may have; delete one to create another");
        }
    }

    @Transactional
    public Organization get(UUID id) {
        return organizations.findById(id).orElseThrow(() -> ProblemException.notFound("Organization"));
    }

    /** Changes what the request names; a present customData or branding replaces the whole object. */
    @Transactional
    public Organization update(UUID id, OrganizationRequests.Update request) {
        return update(id, request, () -> { }, false);
    }

    /**
     * As {@link #update(UUID, OrganizationRequests.Update)} for a member (the App API), once {@code stillEntitled}
     * passed with the organization locked: the caller's authority as committed by then (see
     * {@link #delete(UUID, Runnable)}). A member may not turn {@code isMfaRequired} on: no one can set MFA up here, so
     * it ends every member's organization tokens, the caller's too, and only the Management API can turn it off; a
     * holder of a narrower role than Admin's, or an application, could shut every Admin out with it.
     */
    @Transactional
    public Organization updateByMember(UUID id, OrganizationRequests.Update request, Runnable stillEntitled) {
        return update(id, request, stillEntitled, true);
    }

    private Organization update(UUID id, OrganizationRequests.Update request, Runnable stillEntitled, boolean member) {
        // Read under the organization's lock: written back whole, a change read before another committed undid it
        // (a rename putting isMfaRequired back to false).
        organizations.lock(id);
        Organization o = get(id);
        stillEntitled.run();
        if (member && Boolean.TRUE.equals(request.isMfaRequired()) && !o.mfaRequired()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Only the Management API can require MFA: "
                    + "no member can set MFA up here, so it would end every member's organization tokens, yours too",
                    "isMfaRequired");
        }
        OrganizationRequests.Branding branding = request.branding();
        Organization updated = organizations.update(new Organization(o.id(),
                request.name() == null ? o.name() : request.name().strip(),
                request.description() == null ? o.description() : request.description(),
                o.createdBy(), o.createdAt(), Instant.now().truncatedTo(ChronoUnit.MICROS),
                request.customData() == null ? o.customData() : fields.customData(request.customData()),
                request.isMfaRequired() == null ? o.mfaRequired() : request.isMfaRequired(),
                branding == null ? o.logoUrl() : OrganizationFields.logoUrl(branding.logoUrl(), "branding.logoUrl"),
                branding == null ? o.darkLogoUrl()
                        : OrganizationFields.logoUrl(branding.darkLogoUrl(), "branding.darkLogoUrl")));
        outbox.append(new OrganizationUpdated(updated.id().toString(), updated.name(), updated.description(),
                updated.customData(), updated.mfaRequired(), branding(updated)));
        if (updated.mfaRequired() && !o.mfaRequired()) {
            // No member can meet the requirement (TokenService), so each one's organization tokens end here.
            members.everyMember(id);
        }
        return updated;
    }

    private static OrganizationBranding branding(Organization o) {
        return new OrganizationBranding(o.logoUrl(), o.darkLogoUrl());
    }

    /** Deletes the organization with its memberships; other services purge their parts on OrganizationDeleted. */
    @Transactional
    public void delete(UUID id) {
        delete(id, () -> { });
    }

    /**
     * As {@link #delete(UUID)}, once {@code stillEntitled} passed with the organization locked. A member's demotion
     * holds the same lock until it commits, with the member's raised authority version: a request checked against
     * the token before that commit waits here and must not then act on the authority it no longer has. The lock
     * also makes a second deletion wait and find nothing (404), not announce the organization deleted twice.
     */
    @Transactional
    public void delete(UUID id, Runnable stillEntitled) {
        organizations.lockExisting(id);
        stillEntitled.run();
        organizations.lockMembers(id); // in the order a role's deletion holds them, not the cascade's
        organizations.lockApplications(id);
        organizations.delete(get(id));
        // Again: the deletion's cascade may have waited on rows a revocation held (the caller's user deleted, a role
        // it holds deleted), and the check must come before this transaction raises the organization's own floor.
        stillEntitled.run();
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
