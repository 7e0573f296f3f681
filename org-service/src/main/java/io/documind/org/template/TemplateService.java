package io.documind.org.template;

import io.documind.contracts.events.OrganizationTemplateChanged;
import io.documind.kit.grants.GrantRule;
import io.documind.kit.outbox.Outbox;
import io.documind.kit.web.ProblemException;
import io.documind.org.RequestRules;
import io.documind.org.authority.RoleHolders;
import io.documind.org.resource.ApiResourceService;
import io.documind.org.resource.ResourceScope;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The organization template: roles and scopes shared by every organization. Every change emits
 * OrganizationTemplateChanged carrying the whole template, so consumers simply replace their copy. A change that
 * can take authority from members (a role or scope deleted, a scope renamed or taken from a role) also announces
 * each member and each organization application holding it, with a raised authority version, so their older
 * tokens are refused.
 */
@Singleton
public class TemplateService {

    private static final Pattern SCOPE_NAME = Pattern.compile(RequestRules.SCOPE_NAME);

    private final RoleRepository roles;
    private final ScopeRepository scopes;
    private final Outbox outbox;
    private final RoleResourceScopeRepository resourceScopes;
    private final ApiResourceService resources;
    private final RoleHolders holders;

    public TemplateService(RoleRepository roles, ScopeRepository scopes, Outbox outbox,
                           RoleResourceScopeRepository resourceScopes, ApiResourceService resources,
                           RoleHolders holders) {
        this.roles = roles;
        this.scopes = scopes;
        this.outbox = outbox;
        this.resourceScopes = resourceScopes;
        this.resources = resources;
        this.holders = holders;
    }

    /** The shape of OrganizationTemplateChanged now: 2 since roles carry their API resource scope ids. */
    static final int CURRENT_ANNOUNCEMENT = 2;

    /**
     * Announces the whole template as it stands (on every start, {@link TemplateAnnouncement}): a copy another
     * service made from an older shape of the event, or from an event an older instance sent, is refreshed.
     */
    @Transactional
    public void announce() {
        templateChanged();
    }

    // --- scopes

    @Transactional
    public List<OrganizationScope> scopes() {
        return scopes.all();
    }

    @Transactional
    public OrganizationScope scope(UUID id) {
        return scopes.findById(id).orElseThrow(() -> ProblemException.notFound("Organization scope"));
    }

    @Transactional
    public OrganizationScope createScope(String name, String description) {
        String n = scopeName(name);
        if (scopes.findByName(n).isPresent()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "A scope named " + n + " already exists", "name");
        }
        OrganizationScope created = scopes.save(new OrganizationScope(UUID.randomUUID(), n, description));
        templateChanged();
        return created;
    }

    @Transactional
    public OrganizationScope updateScope(UUID id, String name, String description) {
        // Locked as read: a description edited from an older read wrote a rename back (a scope renamed away from
        // its holders came back to them, unannounced). The scope first, as ofScope and a deletion lock it.
        OrganizationScope scope = scopes.findByIdForUpdate(id)
                .orElseThrow(() -> ProblemException.notFound("Organization scope"));
        String n = name == null ? scope.name() : scopeName(name);
        if (!n.equals(scope.name()) && scopes.findByName(n).isPresent()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "A scope named " + n + " already exists", "name");
        }
        // Their tokens name the scope by its old name. Read (and their roles locked) before anything is written, in
        // the order a role's deletion locks: the role, then its rows, then the template.
        RoleHolders.Holders holding = n.equals(scope.name()) ? null : holders.ofScope(id);
        OrganizationScope updated = scopes.update(new OrganizationScope(id, n,
                description == null ? scope.description() : description));
        templateChanged();
        if (holding != null) {
            holders.announce(holding);
        }
        return updated;
    }

    @Transactional
    public void deleteScope(UUID id) {
        OrganizationScope scope = scope(id);
        RoleHolders.Holders holding = holders.ofScope(id);
        scopes.delete(scope);
        templateChanged();
        holders.announce(holding);
    }

    // --- roles

    public record RoleView(UUID id, String name, String description, List<OrganizationScope> scopes) {
    }

    @Transactional
    public List<RoleView> roles() {
        Map<UUID, List<OrganizationScope>> scopesOf = byRole(scopes.ofAllRoles());
        return roles.all().stream()
                .map(r -> new RoleView(r.id(), r.name(), r.description(), scopesOf.getOrDefault(r.id(), List.of())))
                .toList();
    }

    @Transactional
    public RoleView role(UUID id) {
        return view(findRole(id));
    }

    @Transactional
    public RoleView createRole(String name, String description, Collection<UUID> scopeIds) {
        String n = name.strip();
        if (roles.findByName(n).isPresent()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "A role named " + n + " already exists", "name");
        }
        OrganizationRole role = roles.save(new OrganizationRole(UUID.randomUUID(), n, description));
        existingScopes(scopeIds).forEach(s -> scopes.grant(role.id(), s.id()));
        templateChanged();
        return view(role);
    }

    @Transactional
    public RoleView updateRole(UUID id, String name, String description) {
        OrganizationRole role = roles.findByIdForUpdate(id) // locked as read, as updateScope
                .orElseThrow(() -> ProblemException.notFound("Organization role"));
        String n = name == null ? role.name() : name.strip();
        if (!n.equals(role.name()) && roles.findByName(n).isPresent()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "A role named " + n + " already exists", "name");
        }
        OrganizationRole updated = roles.update(new OrganizationRole(id, n, description == null ? role.description() : description));
        templateChanged();
        return view(updated);
    }

    @Transactional
    public void deleteRole(UUID id) {
        OrganizationRole role = findRole(id);
        if (OrganizationRole.ADMIN_ID.equals(role.id())) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "The Admin role cannot be deleted: every "
                    + "organization's creator and last-Admin rule rely on it (rename it if you like)");
        }
        RoleHolders.Holders holding = holders.ofDeletedRole(id);
        roles.delete(role);
        templateChanged();
        holders.announce(holding);
    }

    @Transactional
    public List<OrganizationScope> scopesOfRole(UUID roleId) {
        return scopes.ofRole(findRole(roleId).id());
    }

    @Transactional
    public void addScopesToRole(UUID roleId, Collection<UUID> scopeIds) {
        OrganizationRole role = findRole(roleId);
        existingScopes(scopeIds).forEach(s -> scopes.grant(role.id(), s.id()));
        templateChanged();
    }

    @Transactional
    public void replaceScopesOfRole(UUID roleId, Collection<UUID> scopeIds) {
        OrganizationRole role = findRole(roleId);
        List<OrganizationScope> wanted = existingScopes(scopeIds);
        scopes.holdScopes(wanted.stream().map(w -> w.id().toString()).toArray(String[]::new));
        RoleHolders.Holders holding = holders.ofRole(roleId); // the role locked next, as deleteRole does
        scopes.revokeAll(role.id());
        wanted.forEach(s -> scopes.grant(role.id(), s.id()));
        templateChanged();
        holders.announce(holding);
    }

    @Transactional
    public void removeScopeFromRole(UUID roleId, UUID scopeId) {
        OrganizationRole role = findRole(roleId);
        RoleHolders.Holders holding = holders.ofRole(roleId); // the role locked first, as deleteRole does
        if (scopes.revoke(role.id(), scopeId) == 0) {
            throw ProblemException.notFound("Scope of this role");
        }
        templateChanged();
        holders.announce(holding);
    }

    // --- API resource scopes of a role (organization-level API permissions). The template event carries their ids
    // (invitation-service weighs them in "grant only what you hold"); taking one away also announces the holders.

    @Transactional
    public List<ResourceScope> resourceScopesOfRole(UUID roleId) {
        return resourceScopes.ofRole(findRole(roleId).id());
    }

    @Transactional
    public void addResourceScopesToRole(UUID roleId, Collection<String> scopeIds) {
        OrganizationRole role = findRole(roleId);
        List<ResourceScope> added = resources.existingScopes(scopeIds, "scopeIds");
        // The scopes held before the role (each insert shares both), as a scope's or resource's deletion takes them:
        // the other way round, adding a second scope of a resource being deleted deadlocked with the deletion.
        resourceScopes.holdScopes(added.stream().map(ResourceScope::id).toArray(String[]::new));
        added.forEach(s -> resourceScopes.grant(role.id(), s.id()));
        templateChanged();
    }

    @Transactional
    public void replaceResourceScopesOfRole(UUID roleId, Collection<String> scopeIds) {
        OrganizationRole role = findRole(roleId);
        List<ResourceScope> wanted = resources.existingScopes(scopeIds, "scopeIds");
        resourceScopes.holdScopes(wanted.stream().map(ResourceScope::id).toArray(String[]::new));
        RoleHolders.Holders holding = holders.ofRole(roleId); // the role locked next, as deleteRole does
        resourceScopes.revokeAll(role.id());
        wanted.forEach(s -> resourceScopes.grant(role.id(), s.id()));
        templateChanged();
        holders.announce(holding);
    }

    @Transactional
    public void removeResourceScopeFromRole(UUID roleId, String scopeId) {
        OrganizationRole role = findRole(roleId);
        RoleHolders.Holders holding = holders.ofRole(roleId); // the role locked first, as deleteRole does
        if (resourceScopes.revoke(role.id(), scopeId) == 0) {
            throw ProblemException.notFound("Resource scope of this role");
        }
        templateChanged();
        holders.announce(holding);
    }

    /**
     * Deletes an API resource, and with it its scopes from every organization role that carried them: the template
     * changed, so it is announced (ApiResourceService cannot: this class depends on it). Without the announcement
     * invitation-service's copy kept the gone scope ids on the roles until the next template edit.
     */
    @Transactional
    public void deleteApiResource(String resourceId) {
        RoleHolders.Holders holding = resources.delete(resourceId);
        templateChanged();
        holders.announce(holding); // after the template, as every edit here: the same lock order
    }

    /** Deletes one scope of an API resource; announced as {@link #deleteApiResource} is. */
    @Transactional
    public void deleteApiResourceScope(String resourceId, String scopeId) {
        RoleHolders.Holders holding = resources.deleteScope(resourceId, scopeId);
        templateChanged();
        holders.announce(holding);
    }

    /** The template roles named by ids or names (exactly one of them); any unknown one → 422. */
    @Transactional
    public List<OrganizationRole> resolveRoles(Collection<UUID> ids, Collection<String> names) {
        if (ids != null && !ids.isEmpty()) {
            Set<UUID> wanted = new LinkedHashSet<>(ids);
            List<OrganizationRole> found = roles.findByIds(wanted);
            if (found.size() != wanted.size()) {
                throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown organization role id",
                        "organizationRoleIds");
            }
            return found;
        }
        if (names != null && !names.isEmpty()) {
            Set<String> wanted = new LinkedHashSet<>(names);
            List<OrganizationRole> found = roles.findByNames(wanted);
            if (found.size() != wanted.size()) {
                throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown organization role name",
                        "organizationRoleNames");
            }
            return found;
        }
        return List.of();
    }

    /** The template's roles among these ids and names now; those gone from it are left out, not refused. */
    @Transactional
    public List<OrganizationRole> existingRoles(Collection<UUID> ids, Collection<String> names) {
        Map<UUID, OrganizationRole> found = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            roles.findByIds(ids).forEach(r -> found.put(r.id(), r));
        }
        if (!names.isEmpty()) {
            roles.findByNames(names).forEach(r -> found.put(r.id(), r));
        }
        return List.copyOf(found.values());
    }

    /** The roles with their scopes and resource scopes now, as {@link GrantRule} weighs them. */
    @Transactional
    public List<GrantRule.Role> asGranted(List<OrganizationRole> granted) {
        if (granted.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = granted.stream().map(OrganizationRole::id).toList();
        Map<UUID, List<OrganizationScope>> scopesOf = byRole(scopes.ofRoles(ids));
        Map<UUID, List<String>> resourceScopesOf = resourceScopeIdsByRole(resourceScopes.ofRoles(ids));
        return granted.stream().map(r -> new GrantRule.Role(r.name(), names(scopesOf.get(r.id())),
                resourceScopesOf.getOrDefault(r.id(), List.of()))).toList();
    }

    /** The resource scope ids that {@code subject}'s own roles in the organization carry (GrantRule's held side). */
    @Transactional
    public Set<String> heldResourceScopes(UUID organizationId, String subject) {
        return Set.copyOf(resourceScopes.heldBy(organizationId, subject));
    }

    private OrganizationRole findRole(UUID id) {
        return roles.findById(id).orElseThrow(() -> ProblemException.notFound("Organization role"));
    }

    private List<OrganizationScope> existingScopes(Collection<UUID> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        Set<UUID> wanted = new LinkedHashSet<>(ids);
        List<OrganizationScope> found = scopes.findByIds(wanted);
        if (found.size() != wanted.size()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown organization scope id",
                    "organizationScopeIds");
        }
        return found;
    }

    private RoleView view(OrganizationRole role) {
        return new RoleView(role.id(), role.name(), role.description(), scopes.ofRole(role.id()));
    }

    /**
     * Appends the whole template to the outbox. The lock row comes first: each announcement then reads the template
     * after every earlier announcing transaction has committed, and is appended after theirs, so the last event
     * consumers see is the template as it now stands (without it, two concurrent edits could each send a template
     * lacking the other's change, in either order).
     */
    private void templateChanged() {
        roles.lockForAnnouncement(CURRENT_ANNOUNCEMENT);
        Map<UUID, List<OrganizationScope>> scopesOf = byRole(scopes.ofAllRoles());
        Map<UUID, List<String>> resourceScopesOf = resourceScopeIdsByRole(resourceScopes.ofAllRoles());
        List<OrganizationTemplateChanged.Role> all = roles.all().stream()
                .map(r -> new OrganizationTemplateChanged.Role(r.id().toString(), r.name(), names(scopesOf.get(r.id())),
                        resourceScopesOf.getOrDefault(r.id(), List.of())))
                .toList();
        outbox.append(new OrganizationTemplateChanged(all));
    }

    private static Map<UUID, List<String>> resourceScopeIdsByRole(List<RoleResourceScopeId> rows) {
        return rows.stream().collect(Collectors.groupingBy(RoleResourceScopeId::roleId,
                Collectors.mapping(RoleResourceScopeId::scopeId, Collectors.toList())));
    }

    /** The rows grouped by role, each role's scopes kept in the rows' (name) order. */
    private static Map<UUID, List<OrganizationScope>> byRole(List<RoleScope> rows) {
        return rows.stream().collect(Collectors.groupingBy(RoleScope::roleId,
                Collectors.mapping(RoleScope::scope, Collectors.toList())));
    }

    private static List<String> names(List<OrganizationScope> scopes) {
        return scopes == null ? List.of() : scopes.stream().map(OrganizationScope::name).toList();
    }

    private static String scopeName(String name) {
        String n = name == null ? "" : name.strip();
        if (!SCOPE_NAME.matcher(n).matches()) {
            throw ProblemException.badRequest("name", RequestRules.SCOPE_NAME_MESSAGE);
        }
        return n;
    }
}
