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
