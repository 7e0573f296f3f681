package io.documind.org.membership;

import io.documind.kit.jdbc.Sql;
import io.documind.org.authority.AuthorityVersions;
import io.documind.org.template.OrganizationScope;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Memberships and their roles, in plain SQL on the caller's transaction. */
@Singleton
public class MembershipRepository {

    private final Sql sql;

    public MembershipRepository(Sql sql) {
        this.sql = sql;
    }

    /** @return false when the user already was a member */
    public boolean insert(UUID organizationId, String userId, String email) {
        return sql.update("""
                INSERT INTO membership (organization_id, user_id, email) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", organizationId, userId, email) == 1;
    }

    /**
     * Grants the template roles named by name or by id; unknown ones are ignored. Returns the names of those that
     * were new.
     */
    public List<String> grantRoles(UUID organizationId, String userId, List<String> roleNames, List<UUID> roleIds) {
        return sql.list("""
                WITH granted AS (
                    INSERT INTO membership_role (organization_id, user_id, role_id)
                    SELECT ?, ?, r.id FROM organization_role r
                    WHERE r.name = ANY (?) OR r.id = ANY (CAST(? AS uuid[]))
                    ON CONFLICT DO NOTHING
                    RETURNING role_id)
                SELECT r.name FROM granted g JOIN organization_role r ON r.id = g.role_id ORDER BY r.name""",
                rs -> rs.getString("name"), organizationId, userId, roleNames.toArray(String[]::new),
                roleIds.stream().map(UUID::toString).toArray(String[]::new));
    }

    /** Removes the membership (its roles go with it); false when there was none. */
    public boolean delete(UUID organizationId, String userId) {
        return sql.update("DELETE FROM membership WHERE organization_id = ? AND user_id = ?", organizationId, userId)
                == 1;
    }

    public void revokeAllRoles(UUID organizationId, String userId) {
        sql.update("DELETE FROM membership_role WHERE organization_id = ? AND user_id = ?", organizationId, userId);
    }

    public int revokeRole(UUID organizationId, String userId, UUID roleId) {
        return sql.update("DELETE FROM membership_role WHERE organization_id = ? AND user_id = ? AND role_id = ?",
                organizationId, userId, roleId);
    }

    /** Grants roles by id; returns how many were new. */
    public int grantRoleIds(UUID organizationId, String userId, List<UUID> roleIds) {
        return sql.update("""
                INSERT INTO membership_role (organization_id, user_id, role_id)
                SELECT ?, ?, r.id FROM organization_role r WHERE r.id = ANY (CAST(? AS uuid[]))
                ON CONFLICT DO NOTHING""",
                organizationId, userId, roleIds.stream().map(UUID::toString).toArray(String[]::new));
    }

    /** How many members hold the role. */
    public long countWithRole(UUID organizationId, UUID roleId) {
        return count("SELECT count(*) FROM membership_role WHERE organization_id = ? AND role_id = ?",
                organizationId, roleId);
    }

    public boolean hasRole(UUID organizationId, String userId, UUID roleId) {
        return sql.one("SELECT 1 FROM membership_role WHERE organization_id = ? AND user_id = ? AND role_id = ?",
                rs -> true, organizationId, userId, roleId).isPresent();
    }

    /** The organizations a user belongs to, each with the user's role names. */
    public List<UserOrganization> organizationsOf(String userId) {
        return items(organizationsOf(userId, null, Integer.MAX_VALUE));
    }

    /** A page of them in (created, id) order, after {@code after} (from the start when null). */
    public List<ListPage.Row<UserOrganization>> organizationsOf(String userId, ListPage.Position after, int limit) {
        String where = after == null ? "m.user_id = ?" : "m.user_id = ? AND (o.created_at, o.id) > (?, CAST(? AS uuid))";
        Object[] parameters = after == null ? new Object[]{userId, limit}
                : new Object[]{userId, after.createdAt(), after.id(), limit};
        return sql.list("""
                SELECT o.id, o.name, o.description, o.created_at,
                       COALESCE(array_agg(r.name ORDER BY r.name) FILTER (WHERE r.name IS NOT NULL), '{}') AS roles
                FROM membership m
                JOIN organization o ON o.id = m.organization_id
                LEFT JOIN membership_role mr ON mr.organization_id = m.organization_id AND mr.user_id = m.user_id
                LEFT JOIN organization_role r ON r.id = mr.role_id
                WHERE %s
                GROUP BY o.id, o.name, o.description, o.created_at
                ORDER BY o.created_at, o.id
                LIMIT ?""".formatted(where),
                rs -> new ListPage.Row<>(new UserOrganization(rs.getObject("id", UUID.class).toString(),
                        rs.getString("name"), rs.getString("description"), Sql.strings(rs, "roles")),
                        new ListPage.Position(Sql.instant(rs, "created_at"), rs.getObject("id", UUID.class).toString())),
                parameters);
    }

    public List<Member> members(UUID organizationId) {
        return members(organizationId, Integer.MAX_VALUE, 0);
    }

    public long countMembers(UUID organizationId) {
        return count("SELECT count(*) FROM membership WHERE organization_id = ?", organizationId);
    }

    public List<Member> members(UUID organizationId, int limit, long offset) {
        return items(selectMembers("m.organization_id = ?", " LIMIT ? OFFSET ?", organizationId, limit, offset));
    }

    /** A page of members in (joined, user id) order, after {@code after} (from the start when null). */
    public List<ListPage.Row<Member>> members(UUID organizationId, ListPage.Position after, int limit) {
        if (after == null) {
            return selectMembers("m.organization_id = ?", " LIMIT ?", organizationId, limit);
        }
        return selectMembers("m.organization_id = ? AND (m.created_at, m.user_id) > (?, ?)", " LIMIT ?",
                organizationId, after.createdAt(), after.id(), limit);
    }

    /** One member with its roles, without reading the rest of the organization. */
    public Optional<Member> member(UUID organizationId, String userId) {
        return items(selectMembers("m.organization_id = ? AND m.user_id = ?", "", organizationId, userId)).stream()
                .findFirst();
    }

    private static <T> List<T> items(List<ListPage.Row<T>> rows) {
        return rows.stream().map(ListPage.Row::item).toList();
    }

    /**
     * The email is the user's current one: membership.email is only what was known when the member joined. It
     * remains the fallback for memberships older than app_user, whose users may have no row there.
     */
    private List<ListPage.Row<Member>> selectMembers(String where, String paging, Object... parameters) {
        return sql.list("""
                SELECT m.user_id, m.created_at, COALESCE(u.email, m.email) AS email, u.name,
                       COALESCE(array_agg(r.id::text ORDER BY r.name) FILTER (WHERE r.name IS NOT NULL), '{}') AS role_ids,
                       COALESCE(array_agg(r.name ORDER BY r.name) FILTER (WHERE r.name IS NOT NULL), '{}') AS roles
                FROM membership m
                LEFT JOIN app_user u ON u.id = m.user_id
                LEFT JOIN membership_role mr ON mr.organization_id = m.organization_id AND mr.user_id = m.user_id
                LEFT JOIN organization_role r ON r.id = mr.role_id
                WHERE %s
                GROUP BY m.user_id, m.email, u.email, u.name, m.created_at
                ORDER BY m.created_at, m.user_id%s""".formatted(where, paging),
                rs -> {
                    List<String> ids = Sql.strings(rs, "role_ids");
                    List<String> names = Sql.strings(rs, "roles");
                    List<OrganizationRoleRef> roles = java.util.stream.IntStream.range(0, ids.size())
                            .mapToObj(i -> new OrganizationRoleRef(ids.get(i), names.get(i))).toList();
                    return new ListPage.Row<>(new Member(rs.getString("user_id"), rs.getString("email"),
                            rs.getString("name"), roles),
                            new ListPage.Position(Sql.instant(rs, "created_at"), rs.getString("user_id")));
                },
                parameters);
    }

    /** What an organization token is built from: the member's scopes and its authority version, as one read. */
    public record MemberAuthority(List<String> scopes, long version) {
    }

    /**
     * The version sits in the same statement as the scopes, so it is never newer than they are (see
     * AuthorityVersions).
     */
    private static final String SCOPES_OF = """
            SELECT COALESCE(array_agg(DISTINCT s.name ORDER BY s.name) FILTER (WHERE s.name IS NOT NULL), '{}')
                   AS scopes, %s AS version
            FROM membership m
            LEFT JOIN membership_role mr ON mr.organization_id = m.organization_id AND mr.user_id = m.user_id
            LEFT JOIN organization_role_scope rs ON rs.role_id = mr.role_id
            LEFT JOIN organization_scope s ON s.id = rs.scope_id
            WHERE m.organization_id = ? AND m.user_id = ?
            GROUP BY m.organization_id, m.user_id""".formatted(
            AuthorityVersions.organizationVersion("m.user_id", "m.organization_id"));

    /** The scopes the member's roles grant, or empty when the user is not a member. */
    public Optional<List<String>> scopesOf(UUID organizationId, String userId) {
        return authorityOf(organizationId, userId).map(MemberAuthority::scopes);
    }

    /** The member's scopes with its (user, organization) authority version, or empty for a non-member. */
    public Optional<MemberAuthority> authorityOf(UUID organizationId, String userId) {
        return sql.one(SCOPES_OF, rs -> new MemberAuthority(Sql.strings(rs, "scopes"), rs.getLong("version")),
                organizationId, userId);
    }

    /** The member's scopes as objects (id, name, description), by name; empty for a non-member too. */
    public List<OrganizationScope> scopeObjectsOf(UUID organizationId, String userId) {
        return sql.list("""
                SELECT DISTINCT s.id, s.name, s.description
                FROM membership_role mr
                JOIN organization_role_scope rs ON rs.role_id = mr.role_id
                JOIN organization_scope s ON s.id = rs.scope_id
                WHERE mr.organization_id = ? AND mr.user_id = ?
                ORDER BY s.name""",
                rs -> new OrganizationScope(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("description")),
                organizationId, userId);
    }

    public boolean isMember(UUID organizationId, String userId) {
        return sql.one("SELECT 1 FROM membership WHERE organization_id = ? AND user_id = ?", rs -> true,
                organizationId, userId).isPresent();
    }

    private long count(String query, Object... parameters) {
        return sql.one(query, rs -> rs.getLong(1), parameters).orElseThrow();
    }
}
