package io.documind.org.application;

import io.documind.contracts.events.ApplicationAddedToOrganization;
import io.documind.contracts.events.ApplicationRemovedFromOrganization;
import io.documind.kit.outbox.Outbox;
import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemException;
import io.documind.org.application.OrganizationApplicationRepository.ApplicationOrganization;
import io.documind.org.application.OrganizationApplicationRepository.OrganizationApplication;
import io.documind.org.application.OrganizationApplicationRepository.RoleRef;
import io.documind.org.authority.AuthorityVersions;
import io.documind.org.organization.OrganizationRepository;
import io.documind.org.template.OrganizationRole;
import io.documind.org.template.RoleRepository;
import io.documind.org.template.TemplateService;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Machine-to-machine applications as members of organizations (Logto's organization applications), with their
 * organization roles there. Every change emits its event in the same transaction; any change of an application's
 * roles raises its (application, organization) authority version, as a member's does.
 */
@Singleton
public class OrganizationApplicationService {

    public record Page<T>(List<T> items, long total) {
    }

    private final OrganizationApplicationRepository relations;
    private final ApplicationRepository applications;
    private final OrganizationRepository organizations;
    private final TemplateService template;
    private final RoleRepository templateRoles;
    private final ApplicationAnnouncements announcements;
    private final AuthorityVersions versions;
    private final Outbox outbox;

    public OrganizationApplicationService(OrganizationApplicationRepository relations,
                                          ApplicationRepository applications, OrganizationRepository organizations,
                                          TemplateService template, ApplicationAnnouncements announcements,
                                          AuthorityVersions versions, Outbox outbox, RoleRepository templateRoles) {
        this.relations = relations;
        this.applications = applications;
        this.organizations = organizations;
        this.template = template;
        this.templateRoles = templateRoles;
        this.announcements = announcements;
        this.versions = versions;
        this.outbox = outbox;
    }

    @Transactional
    public Page<OrganizationApplication> applications(UUID organizationId, PageRequest page) {
        requireOrganization(organizationId);
        return new Page<>(relations.applications(organizationId, page.pageSize(), page.offset()),
                relations.count(organizationId));
    }

    /** Adds applications (without roles); any unknown one → 422, nothing added. */
    @Transactional
    public void add(UUID organizationId, Collection<String> applicationIds) {
        lockOrganization(organizationId);
        insert(organizationId, existing(applicationIds));
    }

    /** The organization's applications become exactly these. */
    @Transactional
    public void replace(UUID organizationId, Collection<String> applicationIds) {
        lockOrganization(organizationId);
        Set<String> wanted = existing(applicationIds);
        for (String current : relations.applicationIds(organizationId)) {
            if (!wanted.contains(current)) {
                remove(organizationId, current, true);
            }
        }
        insert(organizationId, wanted);
    }

    @Transactional
    public void remove(UUID organizationId, String applicationId) {
        lockOrganization(organizationId);
        remove(organizationId, applicationId, false);
    }

    @Transactional
    public Page<RoleRef> roles(UUID organizationId, String applicationId, PageRequest page) {
        requireOrganization(organizationId);
        requireBelongs(organizationId, applicationId);
        return new Page<>(relations.roles(organizationId, applicationId, page.pageSize(), page.offset()),
                relations.countRoles(organizationId, applicationId));
    }

    @Transactional
    public void addRoles(UUID organizationId, String applicationId, Collection<UUID> roleIds) {
        List<UUID> roles = requireRoleChange(organizationId, applicationId, roleIds);
        templateRoles.holdRoles(roles); // in id order, before any grant: see RoleRepository#holdRoles
        if (relations.grantRoles(organizationId, applicationId, roles) > 0) {
            announcements.rolesChanged(organizationId, applicationId);
        }
    }

    @Transactional
    public void setRoles(UUID organizationId, String applicationId, Collection<UUID> roleIds) {
        List<UUID> roles = requireRoleChange(organizationId, applicationId, roleIds);
        templateRoles.holdRoles(roles); // before the rows: see RoleRepository#holdRoles
        relations.revokeAllRoles(organizationId, applicationId);
        relations.grantRoles(organizationId, applicationId, roles);
        announcements.rolesChanged(organizationId, applicationId);
    }

    @Transactional
    public void removeRole(UUID organizationId, String applicationId, UUID roleId) {
        lockOrganization(organizationId);
        lockBelonging(organizationId, applicationId);
        if (relations.revokeRole(organizationId, applicationId, roleId) == 0) {
            throw ProblemException.notFound("Role of this application");
        }
        announcements.rolesChanged(organizationId, applicationId);
    }

    @Transactional
    public Page<ApplicationOrganization> organizationsOf(String applicationId, PageRequest page) {
        if (!applications.existsById(applicationId)) {
            throw ProblemException.notFound("Application");
        }
        return new Page<>(relations.organizations(applicationId, page.pageSize(), page.offset()),
                relations.countOrganizations(applicationId));
    }

    private void insert(UUID organizationId, Set<String> applicationIds) {
        for (String applicationId : applicationIds) {
            if (relations.insert(organizationId, applicationId)) {
                outbox.append(new ApplicationAddedToOrganization(organizationId.toString(), applicationId, List.of()));
            }
        }
    }

    private void remove(UUID organizationId, String applicationId, boolean known) {
        if (!relations.delete(organizationId, applicationId) && !known) {
            throw ProblemException.notFound("Application of this organization");
        }
        outbox.append(new ApplicationRemovedFromOrganization(organizationId.toString(), applicationId,
                versions.raise(applicationId, organizationId)));
    }

    /** The organization locked, the application in it, the roles known (422 otherwise, as Logto). */
    private List<UUID> requireRoleChange(UUID organizationId, String applicationId, Collection<UUID> roleIds) {
        lockOrganization(organizationId);
        lockBelonging(organizationId, applicationId);
        return template.resolveRoles(roleIds, null).stream().map(OrganizationRole::id).toList();
    }

    /** Logto answers 422 for the roles of an application that is not in the organization. */
    private void requireBelongs(UUID organizationId, String applicationId) {
        if (!relations.contains(organizationId, applicationId)) {
            throw notBelonging();
        }
    }

    /**
     * {@link #requireBelongs}, holding the application's row in the organization before its roles change, as the
     * application's deletion takes it before their rows ({@link OrganizationApplicationRepository#lock}).
     */
    private void lockBelonging(UUID organizationId, String applicationId) {
        if (relations.lock(organizationId, applicationId).isEmpty()) {
            throw notBelonging();
        }
    }

    private static ProblemException notBelonging() {
        return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "The application does not belong to the "
                + "organization", "applicationId");
    }

    /** A read: checks the organization exists without the lock, which would make it wait for writers. */
    private void requireOrganization(UUID organizationId) {
        if (!organizations.existsById(organizationId)) {
            throw ProblemException.notFound("Organization");
        }
    }

    /** Locks the organization row, so concurrent changes of its applications run one after another. */
    private void lockOrganization(UUID organizationId) {
        organizations.lockExisting(organizationId);
    }

    /** The applications asked for, in order; any unknown one → 422. */
    private Set<String> existing(Collection<String> applicationIds) {
        Set<String> wanted = new LinkedHashSet<>(applicationIds);
        if (wanted.isEmpty()) {
            return wanted;
        }
        long found = applications.countByIdIn(wanted);
        if (found != wanted.size()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown application id", "applicationIds");
        }
        return wanted;
    }
}
