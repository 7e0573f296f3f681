package io.documind.org.authority;

import io.documind.org.application.ApplicationAnnouncements.ApplicationRef;
import io.documind.org.membership.MemberAnnouncements.MemberRef;
import io.documind.org.template.OrganizationRole;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The roles carrying a scope, and the members and applications holding any of some roles; see {@link RoleHolders}.
 * A scope's holders are read in two steps (its roles, then their holders) so each holder query is written once.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface RoleHolderRepository extends GenericRepository<OrganizationRole, UUID> {

    @Query("SELECT role_id FROM organization_role_scope WHERE scope_id = :scopeId")
    List<UUID> rolesCarryingScope(UUID scopeId);

    @Query("SELECT DISTINCT role_id FROM organization_role_resource_scope WHERE scope_id = ANY (:scopeIds)")
    List<UUID> rolesCarryingResourceScopes(String[] scopeIds);

    /**
     * Locks the roles until the transaction ends. A grant of one of them holds it (its foreign key check) until it
     * commits, so a grant in flight commits before this returns and one to come waits for this transaction: the
     * holders read after this are all there are. {@code roleIds} not empty.
     */
    @Query("SELECT id FROM organization_role WHERE id IN (:roleIds) ORDER BY id FOR UPDATE")
    List<UUID> lockRoles(Collection<UUID> roleIds);

    /**
     * Locks the scope until the transaction ends, before its roles are read: granting it to a role holds its row
     * (the foreign key check's KEY SHARE) until that commits, so a grant in flight is seen by the read that follows,
     * and a later one waits for this transaction (and finds the scope gone, or renamed).
     */
    @Query("SELECT id FROM organization_scope WHERE id = :scopeId FOR UPDATE")
    List<UUID> lockScope(UUID scopeId);

    /** {@link #lockScope} for API resource scopes, in id order (a fixed lock order, against deadlocks). */
    @Query("SELECT id FROM resource_scope WHERE id = ANY (:scopeIds) ORDER BY id FOR UPDATE")
    List<String> lockResourceScopes(String[] scopeIds);

    /**
     * Locks the membership rows of the role's members, in (organization, user) order, before the role's deletion
     * locks the role and cascades to their role rows. Everything else that deletes a member's role rows (a role
     * change, a removal, the deletion of the user or of the organization) holds the member's row first, so with
     * these held the cascade waits on no one; and a member's row is always locked before a role, which a role
     * change holding its member and then waiting on a role it grants relies on. SHARE is enough (all of those lock
     * the member's row FOR UPDATE, or delete it) and leaves a grant's foreign key check (KEY SHARE) free: a grant of
     * another role to one of these members need not wait.
     */
    @Query("""
            SELECT m.user_id FROM membership m
            WHERE (m.organization_id, m.user_id) IN (SELECT organization_id, user_id FROM membership_role
                                                     WHERE role_id = :roleId)
            ORDER BY m.organization_id, m.user_id FOR SHARE""")
    List<String> lockMembersHolding(UUID roleId);

    /** {@link #lockMembersHolding} for the organization applications holding the role. */
    @Query("""
            SELECT a.application_id FROM organization_application a
            WHERE (a.organization_id, a.application_id) IN (
                SELECT organization_id, application_id FROM organization_application_role WHERE role_id = :roleId)
            ORDER BY a.organization_id, a.application_id FOR SHARE""")
    List<String> lockApplicationsHolding(UUID roleId);

    /** {@code roleIds} not empty (an empty {@code IN} is not SQL). */
    @Query("""
            SELECT DISTINCT organization_id, user_id FROM membership_role WHERE role_id IN (:roleIds)
            ORDER BY 1, 2""")
    List<MemberRef> membersHoldingRoles(Collection<UUID> roleIds);

    /** {@code roleIds} not empty (an empty {@code IN} is not SQL). */
    @Query("""
            SELECT DISTINCT organization_id, application_id FROM organization_application_role WHERE role_id IN (:roleIds)
            ORDER BY 1, 2""")
    List<ApplicationRef> applicationsHoldingRoles(Collection<UUID> roleIds);
}
