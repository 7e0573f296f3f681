package io.documind.org.application;

import io.documind.kit.jdbc.Sql;
import io.documind.org.authority.AuthorityVersions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Applications that belong to organizations, and their organization roles there, in plain SQL on the caller's
 * transaction (two join tables without entities of their own, as memberships are).
 */
@Singleton
public class OrganizationApplicationRepository {

    /** An organization role as the Management API names it. */
    @Serdeable
    public record RoleRef(String id, String name) {
    }

    /** An application of an organization with its organization roles there (Logto's shape). */
    @Serdeable
    public record OrganizationApplication(String id, String name, @Nullable String description, String type,
                                          Instant createdAt, List<RoleRef> organizationRoles) {
    }

    /** An organization an application belongs to, with the application's roles there. */
    @Serdeable
    public record ApplicationOrganization(String id, String name, @Nullable String description, Instant createdAt,
                                          List<RoleRef> organizationRoles) {
    }

    /** What an application's organization token is built from, read in one statement (see AuthorityVersions). */
    public record ApplicationAuthority(List<String> scopes, long organizationVersion) {
    }


    /** The roles of one (organization, application), aggregated as two parallel arrays in the same order. */
    private static final String ROLES = """
            COALESCE(array_agg(r.id::text ORDER BY r.name) FILTER (WHERE r.id IS NOT NULL), '{}') AS role_ids,
            COALESCE(array_agg(r.name ORDER BY r.name) FILTER (WHERE r.id IS NOT NULL), '{}') AS role_names""";

    /** The application's organization scopes, or with a resource id as second parameter, its resource scopes. */
    private static final String AUTHORITY = """
            SELECT COALESCE(array_agg(DISTINCT s.name ORDER BY s.name) FILTER (WHERE s.name IS NOT NULL), '{}')
                   AS scopes, %s AS version
            FROM organization_application oa
            LEFT JOIN organization_application_role ar
                   ON ar.organization_id = oa.organization_id AND ar.application_id = oa.application_id
            %s
            WHERE oa.organization_id = ? AND oa.application_id = ?
            GROUP BY oa.organization_id, oa.application_id""";
    private static final String ORGANIZATION_SCOPES = AUTHORITY.formatted(
            AuthorityVersions.organizationVersion("oa.application_id", "oa.organization_id"), """
                    LEFT JOIN organization_role_scope rs ON rs.role_id = ar.role_id
                    LEFT JOIN organization_scope s ON s.id = rs.scope_id""");
    private static final String RESOURCE_SCOPES = AUTHORITY.formatted(
            AuthorityVersions.organizationVersion("oa.application_id", "oa.organization_id"), """
                    LEFT JOIN organization_role_resource_scope rs ON rs.role_id = ar.role_id
                    LEFT JOIN resource_scope s ON s.id = rs.scope_id AND s.resource_id = ?""");

    private final Sql sql;

    public OrganizationApplicationRepository(Sql sql) {
        this.sql = sql;
    }

    /** @return false when the application already belonged to the organization */
    public boolean insert(UUID organizationId, String applicationId) {
        return sql.update("""
                INSERT INTO organization_application (organization_id, application_id) VALUES (?, ?)
                ON CONFLICT DO NOTHING""", organizationId, applicationId) == 1;
    }

    /** Removes the application from the organization (its roles there go with it); false when it was not in it. */
    public boolean delete(UUID organizationId, String applicationId) {
        return sql.update("DELETE FROM organization_application WHERE organization_id = ? AND application_id = ?",
                organizationId, applicationId) == 1;
    }

    public boolean contains(UUID organizationId, String applicationId) {
        return sql.one("SELECT 1 FROM organization_application WHERE organization_id = ? AND application_id = ?",
                rs -> true, organizationId, applicationId).isPresent();
    }

    public List<String> applicationIds(UUID organizationId) {
        return sql.list("SELECT application_id FROM organization_application WHERE organization_id = ?"
                + " ORDER BY created_at, application_id", rs -> rs.getString(1), organizationId);
    }

    public long count(UUID organizationId) {
        return count("SELECT count(*) FROM organization_application WHERE organization_id = ?", organizationId);
    }

    public List<OrganizationApplication> applications(UUID organizationId, int limit, long offset) {
        return sql.list("""
                SELECT a.id, a.name, a.description, a.created_at, %s
                FROM organization_application oa
                JOIN application a ON a.id = oa.application_id
                LEFT JOIN organization_application_role ar
                       ON ar.organization_id = oa.organization_id AND ar.application_id = oa.application_id
                LEFT JOIN organization_role r ON r.id = ar.role_id
                WHERE oa.organization_id = ?
                GROUP BY a.id, a.name, a.description, a.created_at, oa.created_at
                ORDER BY oa.created_at, a.id LIMIT ? OFFSET ?""".formatted(ROLES),
                rs -> new OrganizationApplication(rs.getString("id"), rs.getString("name"),
                        rs.getString("description"), "MachineToMachine", Sql.instant(rs, "created_at"), roles(rs)),
                organizationId, limit, offset);
    }

    public long countOrganizations(String applicationId) {
        return count("SELECT count(*) FROM organization_application WHERE application_id = ?", applicationId);
    }

    public List<ApplicationOrganization> organizations(String applicationId, int limit, long offset) {
        return sql.list("""
                SELECT o.id, o.name, o.description, o.created_at, %s
                FROM organization_application oa
                JOIN organization o ON o.id = oa.organization_id
                LEFT JOIN organization_application_role ar
                       ON ar.organization_id = oa.organization_id AND ar.application_id = oa.application_id
                LEFT JOIN organization_role r ON r.id = ar.role_id
                WHERE oa.application_id = ?
                GROUP BY o.id, o.name, o.description, o.created_at
                ORDER BY o.created_at, o.id LIMIT ? OFFSET ?""".formatted(ROLES),
                rs -> new ApplicationOrganization(rs.getObject("id", UUID.class).toString(), rs.getString("name"),
                        rs.getString("description"), Sql.instant(rs, "created_at"), roles(rs)),
                applicationId, limit, offset);
    }

    /** The application's roles in the organization, by name. */
    public List<RoleRef> roles(UUID organizationId, String applicationId, int limit, long offset) {
        return sql.list("""
                SELECT r.id, r.name FROM organization_application_role ar
                JOIN organization_role r ON r.id = ar.role_id
                WHERE ar.organization_id = ? AND ar.application_id = ?
                ORDER BY r.name, r.id LIMIT ? OFFSET ?""",
                rs -> new RoleRef(rs.getObject("id", UUID.class).toString(), rs.getString("name")),
                organizationId, applicationId, limit, offset);
    }

    public long countRoles(UUID organizationId, String applicationId) {
        return count("SELECT count(*) FROM organization_application_role WHERE organization_id = ? AND application_id = ?",
                organizationId, applicationId);
    }

    /** Grants roles by id; returns how many were new. */
    public int grantRoles(UUID organizationId, String applicationId, List<UUID> roleIds) {
        return sql.update("""
                INSERT INTO organization_application_role (organization_id, application_id, role_id)
                SELECT ?, ?, r.id FROM organization_role r WHERE r.id = ANY (CAST(? AS uuid[]))
                ON CONFLICT DO NOTHING""",
                organizationId, applicationId, roleIds.stream().map(UUID::toString).toArray(String[]::new));
    }

    public void revokeAllRoles(UUID organizationId, String applicationId) {
        sql.update("DELETE FROM organization_application_role WHERE organization_id = ? AND application_id = ?",
                organizationId, applicationId);
    }

    public int revokeRole(UUID organizationId, String applicationId, UUID roleId) {
        return sql.update("""
                DELETE FROM organization_application_role
                WHERE organization_id = ? AND application_id = ? AND role_id = ?""",
                organizationId, applicationId, roleId);
    }

    /** The organization scopes the application's roles grant there, or empty when it does not belong. */
    public Optional<ApplicationAuthority> authorityOf(UUID organizationId, String applicationId) {
        return sql.one(ORGANIZATION_SCOPES, this::authority, organizationId, applicationId);
    }

    /** The scopes of one API resource the application's organization roles grant, or empty as above. */
    public Optional<ApplicationAuthority> resourceAuthorityOf(UUID organizationId, String applicationId,
                                                              String resourceId) {
        return sql.one(RESOURCE_SCOPES, this::authority, resourceId, organizationId, applicationId);
    }

    private ApplicationAuthority authority(ResultSet rs) throws SQLException {
        return new ApplicationAuthority(Sql.strings(rs, "scopes"), rs.getLong("version"));
    }

    private static List<RoleRef> roles(ResultSet rs) throws SQLException {
        List<String> ids = Sql.strings(rs, "role_ids");
        List<String> names = Sql.strings(rs, "role_names");
        List<RoleRef> roles = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            roles.add(new RoleRef(ids.get(i), names.get(i)));
        }
        return roles;
    }

    private long count(String query, Object... parameters) {
        return sql.one(query, rs -> rs.getLong(1), parameters).orElseThrow();
    }
}
