package io.documind.org.authority;

import io.documind.org.application.ApplicationAnnouncements.ApplicationRef;
import io.documind.org.membership.MemberAnnouncements.MemberRef;
import io.documind.org.template.OrganizationRole;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.UUID;

/** The members and applications holding a template role, or a role carrying a scope; see {@link RoleHolders}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface RoleHolderRepository extends GenericRepository<OrganizationRole, UUID> {

    @Query("SELECT organization_id, user_id FROM membership_role WHERE role_id = :roleId ORDER BY 1, 2")
    List<MemberRef> membersHoldingRole(UUID roleId);

    @Query("""
            SELECT DISTINCT mr.organization_id, mr.user_id FROM membership_role mr
            JOIN organization_role_scope rs ON rs.role_id = mr.role_id WHERE rs.scope_id = :scopeId ORDER BY 1, 2""")
    List<MemberRef> membersHoldingScope(UUID scopeId);

    @Query("""
            SELECT DISTINCT mr.organization_id, mr.user_id FROM membership_role mr
            JOIN organization_role_resource_scope rs ON rs.role_id = mr.role_id WHERE rs.scope_id = ANY (:scopeIds)
            ORDER BY 1, 2""")
    List<MemberRef> membersHoldingResourceScopes(String[] scopeIds);

    @Query("""
            SELECT organization_id, application_id FROM organization_application_role WHERE role_id = :roleId
            ORDER BY 1, 2""")
    List<ApplicationRef> applicationsHoldingRole(UUID roleId);

    @Query("""
            SELECT DISTINCT ar.organization_id, ar.application_id FROM organization_application_role ar
            JOIN organization_role_scope rs ON rs.role_id = ar.role_id WHERE rs.scope_id = :scopeId ORDER BY 1, 2""")
    List<ApplicationRef> applicationsHoldingScope(UUID scopeId);

    @Query("""
            SELECT DISTINCT ar.organization_id, ar.application_id FROM organization_application_role ar
            JOIN organization_role_resource_scope rs ON rs.role_id = ar.role_id WHERE rs.scope_id = ANY (:scopeIds)
            ORDER BY 1, 2""")
    List<ApplicationRef> applicationsHoldingResourceScopes(String[] scopeIds);
}
