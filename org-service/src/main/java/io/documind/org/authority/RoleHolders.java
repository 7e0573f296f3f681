package io.documind.org.authority;

import io.documind.org.application.ApplicationAnnouncements;
import io.documind.org.application.ApplicationAnnouncements.ApplicationRef;
import io.documind.org.membership.MemberAnnouncements;
import io.documind.org.membership.MemberAnnouncements.MemberRef;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;

/**
 * Who holds an organization role, or a role carrying a scope or an API resource scope: members and applications
 * alike. An edit that can shrink what the role means (the template's or an API resource's) reads the holders first
 * and announces them after, each with a raised authority version, so no one's older token outlives the change.
 * Runs in the caller's transaction.
 */
@Singleton
public class RoleHolders {

    /** The holders of one role or scope, read before the change. */
    public record Holders(List<MemberRef> members, List<ApplicationRef> applications) {
    }

    private final MemberAnnouncements members;
    private final ApplicationAnnouncements applications;
    private final RoleHolderRepository holders;

    public RoleHolders(MemberAnnouncements members, ApplicationAnnouncements applications,
                       RoleHolderRepository holders) {
        this.members = members;
        this.applications = applications;
        this.holders = holders;
    }

    public Holders ofRole(UUID roleId) {
        return ofRoles(List.of(roleId));
    }

    /**
     * {@link #ofRole} for a role about to be deleted: its holders' rows held first, in one order (see
     * {@link RoleHolderRepository#lockMembersHolding}). Without them the deletion's cascade locked the holders' role
     * rows in the table's order and then raised their versions, and deadlocked with a holder's removal, the
     * deletion of its user or organization, or a replacement of the organization's members. A holder granted the
     * role between this lock and the role's is not held; its row is cascaded unordered, as before.
     */
    public Holders ofDeletedRole(UUID roleId) {
        holders.lockMembersHolding(roleId);
        holders.lockApplicationsHolding(roleId);
        return ofRole(roleId);
    }

    /** Locks the scope first (see {@link RoleHolderRepository#lockScope}): a grant of it in flight is not missed. */
    public Holders ofScope(UUID scopeId) {
        holders.lockScope(scopeId);
        return ofRoles(holders.rolesCarryingScope(scopeId));
    }

    public Holders ofResourceScopes(List<String> resourceScopeIds) {
        if (resourceScopeIds.isEmpty()) {
            return new Holders(List.of(), List.of());
        }
        String[] ids = resourceScopeIds.toArray(String[]::new);
        holders.lockResourceScopes(ids);
        return ofRoles(holders.rolesCarryingResourceScopes(ids));
    }

    private Holders ofRoles(List<UUID> roleIds) {
        if (roleIds.isEmpty()) {
            return new Holders(List.of(), List.of());
        }
        // Locked first: without it, a member granted the role while the edit ran (its row not yet committed when
        // the holders were read) was never announced, and its token kept the scope the edit took away.
        holders.lockRoles(roleIds);
        return new Holders(holders.membersHoldingRoles(roleIds), holders.applicationsHoldingRoles(roleIds));
    }

    /** MemberRolesChanged and ApplicationRolesChanged for each holder still there, with raised versions. */
    public void announce(Holders holders) {
        members.rolesChanged(holders.members());
        applications.rolesChanged(holders.applications());
    }
}
