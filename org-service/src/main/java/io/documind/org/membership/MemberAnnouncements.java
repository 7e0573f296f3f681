package io.documind.org.membership;

import io.documind.contracts.events.MemberRolesChanged;
import io.documind.kit.jdbc.Sql;
import io.documind.kit.outbox.Outbox;
import io.documind.org.authority.AuthorityVersions;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;

/**
 * MemberRolesChanged, with a raised authority version, for a member whose roles changed or whose roles' meaning
 * did: a template edit that takes a scope from a role (or a role or scope away) shrinks every holder's authority
 * as surely as a role change does, so its holders are announced the same way. Runs in the caller's transaction.
 */
@Singleton
public class MemberAnnouncements {

    /** A member of one organization. */
    public record MemberRef(UUID organizationId, String userId) {
    }

    private final MembershipRepository memberships;
    private final AuthorityVersions versions;
    private final Outbox outbox;
    private final Sql sql;

    public MemberAnnouncements(MembershipRepository memberships, AuthorityVersions versions, Outbox outbox, Sql sql) {
        this.memberships = memberships;
        this.versions = versions;
        this.outbox = outbox;
        this.sql = sql;
    }

    /** Announces the member's roles as they now are, with a raised version; returns the member with them. */
    public Member rolesChanged(UUID organizationId, String userId) {
        Member member = memberships.member(organizationId, userId).orElseThrow();
        List<String> scopes = memberships.scopesOf(organizationId, userId).orElse(List.of());
        outbox.append(new MemberRolesChanged(organizationId.toString(), userId, member.roleNames(), scopes,
                versions.raise(userId, organizationId)));
        return member;
    }

    /** Announces each of these members (those still members; a deleted role leaves the membership). */
    public void rolesChanged(List<MemberRef> members) {
        for (MemberRef m : members) {
            if (memberships.isMember(m.organizationId(), m.userId())) {
                rolesChanged(m.organizationId(), m.userId());
            }
        }
    }

    /** The members holding the role; read before a change that would take the holding away. */
    public List<MemberRef> holdingRole(UUID roleId) {
        return holders("SELECT organization_id, user_id FROM membership_role WHERE role_id = ?", roleId);
    }

    /** The members holding a role that carries the scope. */
    public List<MemberRef> holdingScope(UUID scopeId) {
        return holders("""
                SELECT DISTINCT mr.organization_id, mr.user_id FROM membership_role mr
                JOIN organization_role_scope rs ON rs.role_id = mr.role_id WHERE rs.scope_id = ?""", scopeId);
    }

    /** The members holding an organization role that carries one of these API resource scopes. */
    public List<MemberRef> holdingResourceScopes(List<String> resourceScopeIds) {
        if (resourceScopeIds.isEmpty()) {
            return List.of();
        }
        return holders("""
                SELECT DISTINCT mr.organization_id, mr.user_id FROM membership_role mr
                JOIN organization_role_resource_scope rs ON rs.role_id = mr.role_id WHERE rs.scope_id = ANY(?)""",
                resourceScopeIds.toArray(String[]::new));
    }

    private List<MemberRef> holders(String query, Object id) {
        return sql.list(query + " ORDER BY 1, 2", rs -> new MemberRef(rs.getObject("organization_id", UUID.class),
                rs.getString("user_id")), id);
    }
}
