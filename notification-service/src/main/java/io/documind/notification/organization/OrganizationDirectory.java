package io.documind.notification.organization;

import io.documind.kit.jdbc.Sql;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Organization names as org-service's events tell them (a local read model): InvitationAccepted carries no
 * name, and an email should not say "organization 3f2a…".
 */
@Singleton
public class OrganizationDirectory {

    private final Sql sql;

    public OrganizationDirectory(Sql sql) {
        this.sql = sql;
    }

    public void remember(String organizationId, String name) {
        sql.update("""
                INSERT INTO organization_directory (organization_id, name) VALUES (?, ?)
                ON CONFLICT (organization_id) DO UPDATE SET name = excluded.name, updated_at = now()
                WHERE NOT organization_directory.deleted""", organizationId, name);
    }

    /** Keeps the row, marked deleted, so a late OrganizationUpdated cannot bring the name back. */
    public void forget(String organizationId) {
        sql.update("""
                INSERT INTO organization_directory (organization_id, name, deleted) VALUES (?, '', true)
                ON CONFLICT (organization_id) DO UPDATE SET deleted = true, updated_at = now()""", organizationId);
    }

    public Optional<String> nameOf(String organizationId) {
        return sql.one("SELECT name FROM organization_directory WHERE organization_id = ? AND NOT deleted",
                rs -> rs.getString("name"), organizationId);
    }
}
