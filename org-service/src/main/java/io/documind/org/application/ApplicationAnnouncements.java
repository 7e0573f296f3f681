package io.documind.org.application;

import io.documind.contracts.events.ApplicationRolesChanged;
import io.documind.kit.jdbc.Sql;
import io.documind.kit.outbox.Outbox;
import io.documind.org.application.OrganizationApplicationRepository.ApplicationAuthority;
import io.documind.org.application.OrganizationApplicationRepository.RoleRef;
import io.documind.org.authority.AuthorityVersions;
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
    public record ApplicationRef(UUID organizationId, String applicationId) {
    }

    private final OrganizationApplicationRepository applications;
    private final AuthorityVersions versions;
    private final Outbox outbox;
    private final Sql sql;

    public ApplicationAnnouncements(OrganizationApplicationRepository applications, AuthorityVersions versions,
                                    Outbox outbox, Sql sql) {
        this.applications = applications;
        this.versions = versions;
        this.outbox = outbox;
        this.sql = sql;
    }

    /** Announces the application's roles and scopes in the organization as they now are, with a raised version. */
    public void rolesChanged(UUID organizationId, String applicationId) {
        List<String> roles = applications.roles(organizationId, applicationId, Integer.MAX_VALUE, 0).stream()
                .map(RoleRef::name).toList();
        List<String> scopes = applications.authorityOf(organizationId, applicationId)
                .map(ApplicationAuthority::scopes).orElse(List.of());
        outbox.append(new ApplicationRolesChanged(organizationId.toString(), applicationId, roles, scopes,
                versions.raise(applicationId, organizationId)));
    }

    /** Announces each of these applications (those still in their organization). */
    public void rolesChanged(List<ApplicationRef> holders) {
        for (ApplicationRef a : holders) {
            if (applications.contains(a.organizationId(), a.applicationId())) {
                rolesChanged(a.organizationId(), a.applicationId());
            }
        }
    }

    /** The applications holding the role; read before a change that would take the holding away. */
    public List<ApplicationRef> holdingRole(UUID roleId) {
        return holders("SELECT organization_id, application_id FROM organization_application_role WHERE role_id = ?",
                roleId);
    }

    /** The applications holding a role that carries the organization scope. */
    public List<ApplicationRef> holdingScope(UUID scopeId) {
        return holders("""
                SELECT DISTINCT ar.organization_id, ar.application_id FROM organization_application_role ar
                JOIN organization_role_scope rs ON rs.role_id = ar.role_id WHERE rs.scope_id = ?""", scopeId);
    }

    /** The applications holding an organization role that carries one of these API resource scopes. */
    public List<ApplicationRef> holdingResourceScopes(List<String> resourceScopeIds) {
        if (resourceScopeIds.isEmpty()) {
            return List.of();
        }
        return holders("""
                SELECT DISTINCT ar.organization_id, ar.application_id FROM organization_application_role ar
                JOIN organization_role_resource_scope rs ON rs.role_id = ar.role_id WHERE rs.scope_id = ANY(?)""",
                resourceScopeIds.toArray(String[]::new));
    }

    private List<ApplicationRef> holders(String query, Object id) {
        return sql.list(query + " ORDER BY 1, 2", rs -> new ApplicationRef(rs.getObject("organization_id", UUID.class),
                rs.getString("application_id")), id);
    }
}
