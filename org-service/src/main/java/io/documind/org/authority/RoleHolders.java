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

    public RoleHolders(MemberAnnouncements members, ApplicationAnnouncements applications) {
        this.members = members;
        this.applications = applications;
    }

    public Holders ofRole(UUID roleId) {
        return new Holders(members.holdingRole(roleId), applications.holdingRole(roleId));
    }

    public Holders ofScope(UUID scopeId) {
        return new Holders(members.holdingScope(scopeId), applications.holdingScope(scopeId));
    }

    public Holders ofResourceScopes(List<String> resourceScopeIds) {
        return new Holders(members.holdingResourceScopes(resourceScopeIds),
                applications.holdingResourceScopes(resourceScopeIds));
    }

    /** MemberRolesChanged and ApplicationRolesChanged for each holder still there, with raised versions. */
    public void announce(Holders holders) {
        members.rolesChanged(holders.members());
        applications.rolesChanged(holders.applications());
    }
}
