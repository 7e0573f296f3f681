package io.documind.org.membership;

import io.documind.org.template.OrganizationScope;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/** Memberships and their roles, in native SQL on the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MembershipRepository extends GenericRepository<Membership, Membership.Key> {

    @Query("INSERT INTO membership (organization_id, user_id, email) VALUES (:organizationId, :userId, :email) ON CONFLICT DO NOTHING")
    int add(UUID organizationId, String userId, @Nullable String email);

    /** @return false when the user already was a member */
    default boolean insert(UUID organizationId, String userId, String email) {
        return add(organizationId, userId, email) == 1;
    }

    /** What {@link #addIfBothExist} did. */
    enum Addition { CREATED, ALREADY_MEMBER, GONE }

    /**
     * Adds the membership unless the organization or the user no longer exists, in one statement instead of two
     * lookups and an insert: each round trip is on the path from an event to the member's first token. The
     * organization is held (KEY SHARE, the lock the insert's foreign key takes anyway) before the row is inserted: a
     * Management API call holding the organization and adding the same user waited on the inserted row while this
     * insert waited on the organization, a deadlock.
     */
    default Addition addIfBothExist(UUID organizationId, String userId, @Nullable String email) {
        return Addition.valueOf(addIfPresent(organizationId, userId, email));
    }

    @Query("""
            WITH present AS (
                SELECT EXISTS (SELECT 1 FROM organization WHERE id = :organizationId FOR KEY SHARE)
                   AND EXISTS (SELECT 1 FROM app_user WHERE id = :userId) AS ok),
            added AS (
                INSERT INTO membership (organization_id, user_id, email)
                SELECT :organizationId, :userId, :email FROM present WHERE ok
                ON CONFLICT DO NOTHING
                RETURNING 1)
            SELECT CASE WHEN NOT (SELECT ok FROM present) THEN 'GONE'
                        WHEN EXISTS (SELECT 1 FROM added) THEN 'CREATED'
                        ELSE 'ALREADY_MEMBER' END""")
    String addIfPresent(UUID organizationId, String userId, @Nullable String email);

    @Query("""
            WITH granted AS (
                INSERT INTO membership_role (organization_id, user_id, role_id)
                SELECT :organizationId, :userId, r.id FROM organization_role r
                WHERE r.name = ANY (:roleNames) OR r.id = ANY (CAST(:roleIds AS uuid[]))
                ON CONFLICT DO NOTHING
                RETURNING role_id)
            SELECT r.name FROM granted g JOIN organization_role r ON r.id = g.role_id ORDER BY r.name""")
    List<String> grantNamedRoles(UUID organizationId, String userId, String[] roleNames, String[] roleIds);

    /**
     * Grants the template roles named by name or by id; unknown ones are ignored. Returns the names of those that
     * were new.
     */
    default List<String> grantRoles(UUID organizationId, String userId, List<String> roleNames, List<UUID> roleIds) {
        return grantNamedRoles(organizationId, userId, roleNames.toArray(String[]::new), ids(roleIds));
    }

    @Query("DELETE FROM membership WHERE organization_id = :organizationId AND user_id = :userId")
    int remove(UUID organizationId, String userId);

    /** Removes the membership (its roles go with it); false when there was none. */
    default boolean delete(UUID organizationId, String userId) {
        return remove(organizationId, userId) == 1;
    }

    @Query("DELETE FROM membership_role WHERE organization_id = :organizationId AND user_id = :userId")
    void revokeAllRoles(UUID organizationId, String userId);

    @Query("DELETE FROM membership_role WHERE organization_id = :organizationId AND user_id = :userId AND role_id = :roleId")
    int revokeRole(UUID organizationId, String userId, UUID roleId);

    @Query("""
            INSERT INTO membership_role (organization_id, user_id, role_id)
            SELECT :organizationId, :userId, r.id FROM organization_role r WHERE r.id = ANY (CAST(:roleIds AS uuid[]))
            ON CONFLICT DO NOTHING""")
    int grantRoleIds(UUID organizationId, String userId, String[] roleIds);

    /** Grants roles by id; returns how many were new. */
    default int grantRoleIds(UUID organizationId, String userId, List<UUID> roleIds) {
        return grantRoleIds(organizationId, userId, ids(roleIds));
    }

    /**
     * Whether this member holds the role and is the only one who does and is not suspended, i.e. can still get a
     * token and use it (a suspended user gets none; so does a member without a user row, left from before V2).
     */
    @Query("""
            SELECT EXISTS (SELECT 1 FROM membership_role r JOIN app_user u ON u.id = r.user_id
                           WHERE r.organization_id = :organizationId AND r.role_id = :roleId
                             AND r.user_id = :userId AND NOT u.suspended)
               AND NOT EXISTS (SELECT 1 FROM membership_role r JOIN app_user u ON u.id = r.user_id
                               WHERE r.organization_id = :organizationId AND r.role_id = :roleId
                                 AND r.user_id <> :userId AND NOT u.suspended)""")
    boolean lastActiveHolder(UUID organizationId, String userId, UUID roleId);

    @Query("""
            SELECT EXISTS (SELECT 1 FROM membership_role
                           WHERE organization_id = :organizationId AND user_id = :userId AND role_id = :roleId)""")
    boolean hasRole(UUID organizationId, String userId, UUID roleId);

    // --- the organizations of a user

    /** An organization of the user with the user's role names there. */
    @Introspected
    record OrganizationRow(UUID id, String name, @Nullable String description, Instant createdAt, String[] roles) {

        ListPage.Row<UserOrganization> row() {
            return new ListPage.Row<>(new UserOrganization(id.toString(), name, description, Arrays.asList(roles)),
                    new ListPage.Position(createdAt, id.toString()));
        }
    }

    String ORGANIZATIONS_OF = """
            SELECT o.id, o.name, o.description, o.created_at,
                   COALESCE(array_agg(r.name ORDER BY r.name) FILTER (WHERE r.name IS NOT NULL), '{}') AS roles
            FROM membership m
            JOIN organization o ON o.id = m.organization_id
            LEFT JOIN membership_role mr ON mr.organization_id = m.organization_id AND mr.user_id = m.user_id
            LEFT JOIN organization_role r ON r.id = mr.role_id
            """;
    String ORGANIZATIONS_ORDER = """
            GROUP BY o.id, o.name, o.description, o.created_at
            ORDER BY o.created_at, o.id
            LIMIT :limit""";

    @Query(ORGANIZATIONS_OF + "WHERE m.user_id = :userId\n" + ORGANIZATIONS_ORDER)
    List<OrganizationRow> firstOrganizationsOf(String userId, int limit);

    @Query(ORGANIZATIONS_OF + "WHERE m.user_id = :userId AND (o.created_at, o.id) > (:afterCreatedAt, CAST(:afterId AS uuid))\n"
            + ORGANIZATIONS_ORDER)
    List<OrganizationRow> organizationsOfAfter(String userId, Instant afterCreatedAt, String afterId, int limit);

    /** The organizations a user belongs to, each with the user's role names. */
    default List<UserOrganization> organizationsOf(String userId) {
        return items(organizationsOf(userId, null, Integer.MAX_VALUE));
    }

    /** A page of them in (created, id) order, after {@code after} (from the start when null). */
    default List<ListPage.Row<UserOrganization>> organizationsOf(String userId, ListPage.Position after, int limit) {
        List<OrganizationRow> rows = after == null ? firstOrganizationsOf(userId, limit)
                : organizationsOfAfter(userId, after.createdAt(), after.id(), limit);
        return rows.stream().map(OrganizationRow::row).toList();
    }

    // --- the members of an organization

    /** A member with its roles, as two arrays in the same (name) order. */
    @Introspected
    record MemberRow(String userId, Instant createdAt, @Nullable String email, @Nullable String name,
                     String[] roleIds, String[] roles) {

        ListPage.Row<Member> row() {
            List<OrganizationRoleRef> refs = IntStream.range(0, roleIds.length)
                    .mapToObj(i -> new OrganizationRoleRef(roleIds[i], roles[i])).toList();
            return new ListPage.Row<>(new Member(userId, email, name, refs), new ListPage.Position(createdAt, userId));
        }
    }

    /**
     * The email is the user's current one: membership.email is only what was known when the member joined. It
     * remains the fallback for memberships older than app_user, whose users may have no row there.
     */
    String MEMBERS = """
            SELECT m.user_id, m.created_at, COALESCE(u.email, m.email) AS email, u.name,
                   COALESCE(array_agg(CAST(r.id AS text) ORDER BY r.name) FILTER (WHERE r.name IS NOT NULL), '{}') AS role_ids,
                   COALESCE(array_agg(r.name ORDER BY r.name) FILTER (WHERE r.name IS NOT NULL), '{}') AS roles
            FROM membership m
            LEFT JOIN app_user u ON u.id = m.user_id
            LEFT JOIN membership_role mr ON mr.organization_id = m.organization_id AND mr.user_id = m.user_id
            LEFT JOIN organization_role r ON r.id = mr.role_id
            """;
    String MEMBERS_ORDER = """

            GROUP BY m.user_id, m.email, u.email, u.name, m.created_at
            ORDER BY m.created_at, m.user_id""";

    @Query(MEMBERS + "WHERE m.organization_id = :organizationId" + MEMBERS_ORDER + " LIMIT :limit OFFSET :offset")
    List<MemberRow> memberRows(UUID organizationId, int limit, long offset);

    @Query(MEMBERS + "WHERE m.organization_id = :organizationId AND (m.created_at, m.user_id) > (:afterCreatedAt, :afterId)"
            + MEMBERS_ORDER + " LIMIT :limit")
    List<MemberRow> memberRowsAfter(UUID organizationId, Instant afterCreatedAt, String afterId, int limit);

    @Query(MEMBERS + "WHERE m.organization_id = :organizationId AND m.user_id = :userId" + MEMBERS_ORDER)
    Optional<MemberRow> memberRow(UUID organizationId, String userId);

    default List<Member> members(UUID organizationId) {
        return members(organizationId, Integer.MAX_VALUE, 0);
    }

    @Query("SELECT count(*) FROM membership WHERE organization_id = :organizationId")
    long countMembers(UUID organizationId);

    default List<Member> members(UUID organizationId, int limit, long offset) {
        return memberRows(organizationId, limit, offset).stream().map(r -> r.row().item()).toList();
    }

    /** A page of members in (joined, user id) order, after {@code after} (from the start when null). */
    default List<ListPage.Row<Member>> members(UUID organizationId, ListPage.Position after, int limit) {
        List<MemberRow> rows = after == null ? memberRows(organizationId, limit, 0)
                : memberRowsAfter(organizationId, after.createdAt(), after.id(), limit);
        return rows.stream().map(MemberRow::row).toList();
    }

    /** One member with its roles, without reading the rest of the organization. */
    default Optional<Member> member(UUID organizationId, String userId) {
        return memberRow(organizationId, userId).map(r -> r.row().item());
    }

    // --- what an organization token is built from

    /**
     * What an organization token is built from: the member's scopes, its authority version and whether the
     * organization requires MFA of its members, as one read.
     */
    record MemberAuthority(List<String> scopes, long version, boolean mfaRequired) {
    }

    @Introspected
    record AuthorityRow(String[] scopes, long version, boolean mfaRequired) {
    }

    /**
     * The version sits in the same statement as the scopes, so it is never newer than they are (see
     * AuthorityVersions).
     */
    @Query("""
            SELECT COALESCE(array_agg(DISTINCT s.name ORDER BY s.name) FILTER (WHERE s.name IS NOT NULL), '{}')
                   AS scopes,
                   COALESCE((SELECT ov.version FROM organization_authority_version ov
                             WHERE ov.subject = m.user_id AND ov.organization_id = m.organization_id), 1) AS version,
                   (SELECT o.is_mfa_required FROM organization o WHERE o.id = m.organization_id) AS mfa_required
            FROM membership m
            LEFT JOIN membership_role mr ON mr.organization_id = m.organization_id AND mr.user_id = m.user_id
            LEFT JOIN organization_role_scope rs ON rs.role_id = mr.role_id
            LEFT JOIN organization_scope s ON s.id = rs.scope_id
            WHERE m.organization_id = :organizationId AND m.user_id = :userId
            GROUP BY m.organization_id, m.user_id""")
    Optional<AuthorityRow> authorityRow(UUID organizationId, String userId);

    /** The scopes the member's roles grant, or empty when the user is not a member. */
    default Optional<List<String>> scopesOf(UUID organizationId, String userId) {
        return authorityOf(organizationId, userId).map(MemberAuthority::scopes);
    }

    /** The member's scopes with its (user, organization) authority version, or empty for a non-member. */
    default Optional<MemberAuthority> authorityOf(UUID organizationId, String userId) {
        return authorityRow(organizationId, userId)
                .map(r -> new MemberAuthority(Arrays.asList(r.scopes()), r.version(), r.mfaRequired()));
    }

    /** The member's scopes as objects (id, name, description), by name; empty for a non-member too. */
    @Query("""
            SELECT DISTINCT s.id, s.name, s.description
            FROM membership_role mr
            JOIN organization_role_scope rs ON rs.role_id = mr.role_id
            JOIN organization_scope s ON s.id = rs.scope_id
            WHERE mr.organization_id = :organizationId AND mr.user_id = :userId
            ORDER BY s.name""")
    List<OrganizationScope> scopeObjectsOf(UUID organizationId, String userId);

    /**
     * Locks the member's row until the transaction ends. A role granted meanwhile (its membership_role row's foreign
     * key takes KEY SHARE on this row) waits, so rules weighed on the member's roles see every role it will have.
     */
    @Query("SELECT user_id FROM membership WHERE organization_id = :organizationId AND user_id = :userId FOR UPDATE")
    Optional<String> lockMember(UUID organizationId, String userId);

    /**
     * Locks all of a user's membership rows, in one order, before a deletion raises its versions: a role change or
     * removal holds its member's row first and then raises the same version ({@link #lockMember}), so the other
     * way round the two could deadlock.
     */
    @Query("SELECT organization_id FROM membership WHERE user_id = :userId ORDER BY organization_id FOR UPDATE")
    List<UUID> lockMembershipsOf(String userId);

    @Query("SELECT organization_id, user_id FROM membership WHERE organization_id = :organizationId ORDER BY user_id")
    List<MemberAnnouncements.MemberRef> memberRefs(UUID organizationId);

    /** Those of these users who are members, in user-id order (the order versions are raised in, against deadlocks). */
    @Query("""
            SELECT user_id FROM membership WHERE organization_id = :organizationId AND user_id = ANY (:userIds)
            ORDER BY user_id FOR KEY SHARE""")
    List<String> membersAmong(UUID organizationId, String[] userIds);

    /** A member's role names and scope names, each sorted by name, as MemberRolesChanged carries them. */
    @Introspected
    record RolesAndScopes(UUID organizationId, String userId, String[] roles, String[] scopes) {
    }

    /**
     * {@link #member} and {@link #scopesOf} for each pair of {@code organizationIds} and {@code userIds} that is still
     * a membership, in one read.
     */
    @Query("""
            SELECT m.organization_id, m.user_id,
                   COALESCE((SELECT array_agg(r.name ORDER BY r.name) FROM membership_role mr
                             JOIN organization_role r ON r.id = mr.role_id
                             WHERE mr.organization_id = m.organization_id AND mr.user_id = m.user_id), '{}') AS roles,
                   COALESCE((SELECT array_agg(DISTINCT s.name ORDER BY s.name) FROM membership_role mr
                             JOIN organization_role_scope rs ON rs.role_id = mr.role_id
                             JOIN organization_scope s ON s.id = rs.scope_id
                             WHERE mr.organization_id = m.organization_id AND mr.user_id = m.user_id), '{}') AS scopes
            FROM unnest(CAST(:organizationIds AS uuid[]), CAST(:userIds AS text[])) AS p (organization_id, user_id)
            JOIN membership m ON m.organization_id = p.organization_id AND m.user_id = p.user_id
            ORDER BY m.organization_id, m.user_id""")
    List<RolesAndScopes> rolesAndScopes(String[] organizationIds, String[] userIds);

    @Query("SELECT EXISTS (SELECT 1 FROM membership WHERE organization_id = :organizationId AND user_id = :userId)")
    boolean isMember(UUID organizationId, String userId);

    private static String[] ids(List<UUID> roleIds) {
        return roleIds.stream().map(UUID::toString).toArray(String[]::new);
    }

    private static <T> List<T> items(List<ListPage.Row<T>> rows) {
        return rows.stream().map(ListPage.Row::item).toList();
    }
}
