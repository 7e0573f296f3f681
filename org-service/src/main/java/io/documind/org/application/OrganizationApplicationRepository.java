package io.documind.org.application;

import io.documind.org.authority.AuthorityVersions;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Applications that belong to organizations, and their organization roles there, in native SQL on the caller's
 * transaction (two join tables, as memberships are).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OrganizationApplicationRepository
        extends GenericRepository<ApplicationMembership, ApplicationMembership.Key> {

    /** An organization role as the Management API names it. */
    @Serdeable
    record RoleRef(String id, String name) {
    }

    /** An application of an organization with its organization roles there (Logto's shape). */
    @Serdeable
    record OrganizationApplication(String id, String name, @Nullable String description, String type,
                                   Instant createdAt, List<RoleRef> organizationRoles) {
    }

    /** An organization an application belongs to, with the application's roles there. */
    @Serdeable
    record ApplicationOrganization(String id, String name, @Nullable String description, Instant createdAt,
                                   List<RoleRef> organizationRoles) {
    }

    /** What an application's organization token is built from, read in one statement (see AuthorityVersions). */
    record ApplicationAuthority(List<String> scopes, long organizationVersion) {
    }

    @Query("""
            INSERT INTO organization_application (organization_id, application_id)
            VALUES (:organizationId, :applicationId) ON CONFLICT DO NOTHING""")
    int add(UUID organizationId, String applicationId);

    /** @return false when the application already belonged to the organization */
    default boolean insert(UUID organizationId, String applicationId) {
        return add(organizationId, applicationId) == 1;
    }

    @Query("DELETE FROM organization_application WHERE organization_id = :organizationId AND application_id = :applicationId")
    int remove(UUID organizationId, String applicationId);

    /** Removes the application from the organization (its roles there go with it); false when it was not in it. */
    default boolean delete(UUID organizationId, String applicationId) {
        return remove(organizationId, applicationId) == 1;
    }

    @Query("""
            SELECT EXISTS (SELECT 1 FROM organization_application
                           WHERE organization_id = :organizationId AND application_id = :applicationId)""")
    boolean contains(UUID organizationId, String applicationId);

    /**
     * Locks the application's row in the organization until the transaction ends, before its role rows are touched.
     * The application's deletion locks this row (cascading) and then its role rows; a role change that revoked a
     * role row first and then waited on this one (its grants' foreign key) deadlocked with it.
     */
    @Query("""
            SELECT application_id FROM organization_application
            WHERE organization_id = :organizationId AND application_id = :applicationId FOR UPDATE""")
    Optional<String> lock(UUID organizationId, String applicationId);

    /**
     * The organization's applications in id order: a replacement removes them, raising their versions, in the order
     * a template edit raises its holders' (organization, subject); in age order each could hold one and wait for the
     * other's.
     */
    @Query("""
            SELECT application_id FROM organization_application WHERE organization_id = :organizationId
            ORDER BY application_id""")
    List<String> applicationIds(UUID organizationId);

    @Query("SELECT count(*) FROM organization_application WHERE organization_id = :organizationId")
    long count(UUID organizationId);

    @Query("SELECT count(*) FROM organization_application WHERE application_id = :applicationId")
    long countOrganizations(String applicationId);

    // --- the applications of an organization and the organizations of an application, each with its roles

    /** The roles of one (organization, application), aggregated as two arrays in the same (name) order. */
    String ROLES = """
            COALESCE(array_agg(CAST(r.id AS text) ORDER BY r.name) FILTER (WHERE r.id IS NOT NULL), '{}') AS role_ids,
            COALESCE(array_agg(r.name ORDER BY r.name) FILTER (WHERE r.id IS NOT NULL), '{}') AS role_names
            FROM organization_application oa
            """;
    String ROLES_JOIN = """
            LEFT JOIN organization_application_role ar
                   ON ar.organization_id = oa.organization_id AND ar.application_id = oa.application_id
            LEFT JOIN organization_role r ON r.id = ar.role_id
            """;

    @Introspected
    record ApplicationRow(String id, String name, @Nullable String description, Instant createdAt,
                          String[] roleIds, String[] roleNames) {

        OrganizationApplication application() {
            return new OrganizationApplication(id, name, description, "MachineToMachine", createdAt,
                    roleRefs(roleIds, roleNames));
        }
    }

    @Query("SELECT a.id, a.name, a.description, a.created_at, " + ROLES
            + "JOIN application a ON a.id = oa.application_id\n" + ROLES_JOIN + """
            WHERE oa.organization_id = :organizationId
            GROUP BY a.id, a.name, a.description, a.created_at, oa.created_at
            ORDER BY oa.created_at, a.id LIMIT :limit OFFSET :offset""")
    List<ApplicationRow> applicationRows(UUID organizationId, int limit, long offset);

    default List<OrganizationApplication> applications(UUID organizationId, int limit, long offset) {
        return applicationRows(organizationId, limit, offset).stream().map(ApplicationRow::application).toList();
    }

    @Introspected
    record OrganizationRow(UUID id, String name, @Nullable String description, Instant createdAt,
                           String[] roleIds, String[] roleNames) {

        ApplicationOrganization organization() {
            return new ApplicationOrganization(id.toString(), name, description, createdAt,
                    roleRefs(roleIds, roleNames));
        }
    }

    @Query("SELECT o.id, o.name, o.description, o.created_at, " + ROLES
            + "JOIN organization o ON o.id = oa.organization_id\n" + ROLES_JOIN + """
            WHERE oa.application_id = :applicationId
            GROUP BY o.id, o.name, o.description, o.created_at
            ORDER BY o.created_at, o.id LIMIT :limit OFFSET :offset""")
    List<OrganizationRow> organizationRows(String applicationId, int limit, long offset);

    default List<ApplicationOrganization> organizations(String applicationId, int limit, long offset) {
        return organizationRows(applicationId, limit, offset).stream().map(OrganizationRow::organization).toList();
    }

    // --- the application's roles in one organization

    @Introspected
    record RoleRow(UUID id, String name) {
    }

    @Query("""
            SELECT r.id, r.name FROM organization_application_role ar
            JOIN organization_role r ON r.id = ar.role_id
            WHERE ar.organization_id = :organizationId AND ar.application_id = :applicationId
            ORDER BY r.name, r.id LIMIT :limit OFFSET :offset""")
    List<RoleRow> roleRows(UUID organizationId, String applicationId, int limit, long offset);

    /** The application's roles in the organization, by name. */
    default List<RoleRef> roles(UUID organizationId, String applicationId, int limit, long offset) {
        return roleRows(organizationId, applicationId, limit, offset).stream()
                .map(r -> new RoleRef(r.id().toString(), r.name())).toList();
    }

    @Query("""
            SELECT count(*) FROM organization_application_role
            WHERE organization_id = :organizationId AND application_id = :applicationId""")
    long countRoles(UUID organizationId, String applicationId);

    @Query("""
            INSERT INTO organization_application_role (organization_id, application_id, role_id)
            SELECT :organizationId, :applicationId, r.id FROM organization_role r
            WHERE r.id = ANY (CAST(:roleIds AS uuid[]))
            ON CONFLICT DO NOTHING""")
    int grantRoleIds(UUID organizationId, String applicationId, String[] roleIds);

    /** Grants roles by id; returns how many were new. */
    default int grantRoles(UUID organizationId, String applicationId, List<UUID> roleIds) {
        return grantRoleIds(organizationId, applicationId, roleIds.stream().map(UUID::toString).toArray(String[]::new));
    }

    @Query("DELETE FROM organization_application_role WHERE organization_id = :organizationId AND application_id = :applicationId")
    void revokeAllRoles(UUID organizationId, String applicationId);

    @Query("""
            DELETE FROM organization_application_role
            WHERE organization_id = :organizationId AND application_id = :applicationId AND role_id = :roleId""")
    int revokeRole(UUID organizationId, String applicationId, UUID roleId);

    // --- what an application's organization token is built from

    @Introspected
    record AuthorityRow(String[] scopes, long version) {

        ApplicationAuthority authority() {
            return new ApplicationAuthority(Arrays.asList(scopes), version);
        }
    }

    /**
     * The application's scopes, with its (application, organization) version in the same statement so that it is
     * never newer than they are (see AuthorityVersions).
     */
    String AUTHORITY = """
            SELECT COALESCE(array_agg(DISTINCT s.name ORDER BY s.name) FILTER (WHERE s.name IS NOT NULL), '{}')
                   AS scopes,
            """ + AuthorityVersions.APPLICATION_ORGANIZATION_VERSION + """
             AS version
            FROM organization_application oa
            LEFT JOIN organization_application_role ar
                   ON ar.organization_id = oa.organization_id AND ar.application_id = oa.application_id
            """;
    String AUTHORITY_OF = """
            WHERE oa.organization_id = :organizationId AND oa.application_id = :applicationId
            GROUP BY oa.organization_id, oa.application_id""";

    @Query(AUTHORITY + """
            LEFT JOIN organization_role_scope rs ON rs.role_id = ar.role_id
            LEFT JOIN organization_scope s ON s.id = rs.scope_id
            """ + AUTHORITY_OF)
    Optional<AuthorityRow> organizationAuthorityRow(UUID organizationId, String applicationId);

    @Query(AUTHORITY + """
            LEFT JOIN organization_role_resource_scope rs ON rs.role_id = ar.role_id
            LEFT JOIN resource_scope s ON s.id = rs.scope_id AND s.resource_id = :resourceId
            """ + AUTHORITY_OF)
    Optional<AuthorityRow> resourceAuthorityRow(UUID organizationId, String applicationId, String resourceId);

    /** An application's role names and organization scope names, each sorted by name, as its event carries them. */
    @Introspected
    record RolesAndScopes(UUID organizationId, String applicationId, String[] roles, String[] scopes) {
    }

    /**
     * {@link #roles} and {@link #authorityOf} for each pair of {@code organizationIds} and {@code applicationIds}
     * whose application still belongs to its organization, in one read.
     */
    @Query("""
            SELECT oa.organization_id, oa.application_id,
                   COALESCE((SELECT array_agg(r.name ORDER BY r.name, r.id) FROM organization_application_role ar
                             JOIN organization_role r ON r.id = ar.role_id
                             WHERE ar.organization_id = oa.organization_id AND ar.application_id = oa.application_id),
                            '{}') AS roles,
                   COALESCE((SELECT array_agg(DISTINCT s.name ORDER BY s.name) FROM organization_application_role ar
                             JOIN organization_role_scope rs ON rs.role_id = ar.role_id
                             JOIN organization_scope s ON s.id = rs.scope_id
                             WHERE ar.organization_id = oa.organization_id AND ar.application_id = oa.application_id),
                            '{}') AS scopes
            FROM unnest(CAST(:organizationIds AS uuid[]), CAST(:applicationIds AS text[]))
                 AS p (organization_id, application_id)
            JOIN organization_application oa
              ON oa.organization_id = p.organization_id AND oa.application_id = p.application_id
            ORDER BY oa.organization_id, oa.application_id""")
    List<RolesAndScopes> rolesAndScopes(String[] organizationIds, String[] applicationIds);

    /** The organization scopes the application's roles grant there, or empty when it does not belong. */
    default Optional<ApplicationAuthority> authorityOf(UUID organizationId, String applicationId) {
        return organizationAuthorityRow(organizationId, applicationId).map(AuthorityRow::authority);
    }

    /** The scopes of one API resource the application's organization roles grant, or empty as above. */
    default Optional<ApplicationAuthority> resourceAuthorityOf(UUID organizationId, String applicationId,
                                                               String resourceId) {
        return resourceAuthorityRow(organizationId, applicationId, resourceId).map(AuthorityRow::authority);
    }

    private static List<RoleRef> roleRefs(String[] ids, String[] names) {
        return IntStream.range(0, ids.length).mapToObj(i -> new RoleRef(ids[i], names[i])).toList();
    }
}
