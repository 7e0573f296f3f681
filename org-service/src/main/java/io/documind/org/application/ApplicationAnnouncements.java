package io.documind.org.application;

import io.documind.contracts.events.ApplicationRolesChanged;
import io.documind.kit.outbox.Outbox;
import io.documind.org.application.OrganizationApplicationRepository.ApplicationAuthority;
import io.documind.org.application.OrganizationApplicationRepository.RoleRef;
import io.documind.org.authority.AuthorityVersions;
import io.documind.org.authority.AuthorityVersions.InOrganization;
import io.documind.org.authority.HolderAnnouncements;
import io.micronaut.core.annotation.Introspected;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;

/**
 * ApplicationRolesChanged, with a raised (application, organization) authority version, for an application whose
 * organization roles changed or whose roles' meaning did: the application counterpart of MemberAnnouncements, so a
 * template edit that shrinks a role reaches the applications holding it as surely as the members. Runs in the
 * caller's transaction.
 */
@Singleton
public class ApplicationAnnouncements {

    /** An application of one organization. */
    @Introspected
    public record ApplicationRef(UUID organizationId, String applicationId) {
    }

    private final OrganizationApplicationRepository applications;
    private final AuthorityVersions versions;
    private final Outbox outbox;
    private final HolderAnnouncements holders;

    public ApplicationAnnouncements(OrganizationApplicationRepository applications, AuthorityVersions versions,
                                    Outbox outbox, HolderAnnouncements holders) {
        this.applications = applications;
        this.versions = versions;
        this.outbox = outbox;
        this.holders = holders;
    }

    /** Announces the application's roles and scopes in the organization as they now are, with a raised version. */
    public void rolesChanged(UUID organizationId, String applicationId) {
        // Raised before the roles are read, for the reason MemberAnnouncements gives.
        long version = versions.raise(applicationId, organizationId);
        List<String> roles = applications.roles(organizationId, applicationId, Integer.MAX_VALUE, 0).stream()
                .map(RoleRef::name).toList();
        List<String> scopes = applications.authorityOf(organizationId, applicationId)
                .map(ApplicationAuthority::scopes).orElse(List.of());
        outbox.append(new ApplicationRolesChanged(organizationId.toString(), applicationId, roles, scopes, version));
    }

    /**
     * Announces each of these applications (those still in their organization), as
     * {@link #rolesChanged(UUID, String)} does one, in batches ({@link HolderAnnouncements}).
     */
    public void rolesChanged(List<ApplicationRef> refs) {
        holders.announce(refs.stream().map(a -> new InOrganization(a.organizationId(), a.applicationId())).toList(),
                (batch, raised) -> applications.rolesAndScopes(InOrganization.organizationIds(batch),
                        InOrganization.subjects(batch)).stream()
                        .map(a -> new ApplicationRolesChanged(a.organizationId().toString(), a.applicationId(),
                                List.of(a.roles()), List.of(a.scopes()),
                                raised.get(new InOrganization(a.organizationId(), a.applicationId()))))
                        .toList());
    }
}
