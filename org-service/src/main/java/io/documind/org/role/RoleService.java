package io.documind.org.role;

import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemException;
import io.documind.org.application.ApplicationService;
import io.documind.org.identity.UserService;
import io.documind.org.resource.ApiResourceService;
import io.documind.org.resource.ResourceScope;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Global roles and who holds them. A change here raises no authority version, on purpose: a user's subject version
 * is what every refresh token remembers, so raising it would end every sign-in of the user. The tokens these roles
 * shape are API resource tokens, read from the current tables at each token request and bounded by the resource's
 * accessTokenTtl; the platform user's API validates them with the JWKS alone and has no version to compare.
 */
@Singleton
public class RoleService {

    private final GlobalRoleRepository roles;
    private final ApiResourceService resources;
    private final UserService users;
    private final ApplicationService applications;

    public RoleService(GlobalRoleRepository roles, ApiResourceService resources, UserService users,
                       ApplicationService applications) {
        this.roles = roles;
        this.resources = resources;
        this.users = users;
        this.applications = applications;
    }

    @Transactional
    public GlobalRole create(String name, String description, GlobalRole.Type type, Collection<String> scopeIds) {
        String n = name.strip();
        if (roles.existsByName(n)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "A role named " + n + " already exists", "name");
        }
        List<ResourceScope> scopes = resources.existingScopes(scopeIds, "scopeIds");
        GlobalRole role = roles.save(new GlobalRole(UUID.randomUUID().toString(), n, description,
                type == null ? GlobalRole.Type.User : type, Instant.now().truncatedTo(ChronoUnit.MICROS)));
        scopes.forEach(s -> roles.grantScope(role.id(), s.id()));
        return role;
    }

    @Transactional
    public List<GlobalRole> page(PageRequest paging) {
        return roles.page(paging.pageSize(), paging.offset());
    }

    @Transactional
    public long count() {
        return roles.count();
    }

    @Transactional
    public GlobalRole get(String id) {
        return roles.findById(id).orElseThrow(() -> ProblemException.notFound("Role"));
    }

    @Transactional
    public GlobalRole update(String id, String name, String description) {
        // Locked as read: a rename and a description change at once each put back the other's older field.
        GlobalRole role = findForChange(id);
        String n = name == null ? role.name() : name.strip();
        if (!n.equals(role.name()) && roles.existsByName(n)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "A role named " + n + " already exists", "name");
        }
        return roles.update(new GlobalRole(id, n, description == null ? role.description() : description,
                role.type(), role.createdAt()));
    }

    @Transactional
    public void delete(String id) {
        GlobalRole role = findForChange(id);
        roles.holdScopesOf(id);
        roles.delete(role);
    }

    /** The role with its row locked until the transaction ends, as ApplicationService#findForChange. */
    private GlobalRole findForChange(String id) {
        return roles.findByIdForUpdate(id).orElseThrow(() -> ProblemException.notFound("Role"));
    }

    @Transactional
    public List<ResourceScope> scopes(String roleId) {
        return roles.scopesOf(get(roleId).id());
    }

    @Transactional
    public List<ResourceScope> addScopes(String roleId, Collection<String> scopeIds) {
        GlobalRole role = get(roleId);
        resources.existingScopes(scopeIds, "scopeIds").forEach(s -> roles.grantScope(role.id(), s.id()));
        return roles.scopesOf(role.id());
    }

    @Transactional
    public void removeScope(String roleId, String scopeId) {
        if (roles.revokeScope(get(roleId).id(), scopeId) == 0) {
            throw ProblemException.notFound("Scope of this role");
        }
    }

    // --- holders: users hold User roles, applications MachineToMachine roles

    /** Who may hold global roles, and which type of role each holds. */
    public enum Holder {
        USER(GlobalRole.Type.User), APPLICATION(GlobalRole.Type.MachineToMachine);

        final GlobalRole.Type roleType;

        Holder(GlobalRole.Type roleType) {
            this.roleType = roleType;
        }
    }

    @Transactional
    public List<GlobalRole> rolesOf(Holder holder, String holderId) {
        String id = existingHolder(holder, holderId);
        return holder == Holder.USER ? roles.ofUser(id) : roles.ofApplication(id);
    }

    /** Adds the roles, or with {@code replace} makes them the holder's only ones; all or nothing. */
    @Transactional
    public void assign(Holder holder, String holderId, Collection<String> roleIds, boolean replace) {
        // A replacement holds the holder's row: two at once each deleted only what was committed before them, so
        // their union survived (a role one of them took away stayed).
        String id = replace ? lockedHolder(holder, holderId) : existingHolder(holder, holderId);
        List<GlobalRole> wanted = existing(roleIds, holder.roleType);
        if (replace) {
            if (holder == Holder.USER) {
                roles.unassignAllFromUser(id);
            } else {
                roles.unassignAllFromApplication(id);
            }
        }
        for (GlobalRole r : wanted) {
            if (holder == Holder.USER) {
                roles.assignToUser(id, r.id());
            } else {
                roles.assignToApplication(id, r.id());
            }
        }
    }

    @Transactional
    public void unassign(Holder holder, String holderId, String roleId) {
        String id = existingHolder(holder, holderId);
        int removed = holder == Holder.USER ? roles.unassignFromUser(id, roleId) : roles.unassignFromApplication(id, roleId);
        if (removed == 0) {
            throw ProblemException.notFound("Role of this " + holder.name().toLowerCase(Locale.ROOT));
        }
    }

    private String lockedHolder(Holder holder, String id) {
        return holder == Holder.USER ? users.findForChange(id).id() : applications.findForChange(id).id();
    }

    private String existingHolder(Holder holder, String id) {
        return holder == Holder.USER ? users.get(id).id() : applications.get(id).id();
    }

    /** Every id a role of the holder's type, held for the assignment; or 422 and nothing changes. */
    private List<GlobalRole> existing(Collection<String> ids, GlobalRole.Type holder) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new LinkedHashSet<>(ids);
        List<GlobalRole> found = roles.findByIdsHeld(wanted);
        if (found.size() != wanted.size()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown role id", "roleIds");
        }
        found.stream().filter(r -> r.type() != holder).findFirst().ifPresent(r -> {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Role " + r.name() + " is a " + r.type()
                    + " role; only " + holder + " roles can be assigned here", "roleIds");
        });
        return found;
    }
}
