package io.documind.notification.organization;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Organization names as org-service's events tell them (a local read model): InvitationAccepted carries no
 * name, and an email should not say "organization 3f2a…".
 */
@Singleton
public class OrganizationDirectory {

    private final TransactionOperations<Connection> transactions;

    public OrganizationDirectory(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    public void remember(String organizationId, String name) {
        update("""
                INSERT INTO organization_directory (organization_id, name) VALUES (?, ?)
                ON CONFLICT (organization_id) DO UPDATE SET name = excluded.name, updated_at = now()
                WHERE NOT organization_directory.deleted""", organizationId, name);
    }

    /** Keeps the row, marked deleted, so a late OrganizationUpdated cannot bring the name back. */
    public void forget(String organizationId) {
        update("""
                INSERT INTO organization_directory (organization_id, name, deleted) VALUES (?, '', true)
                ON CONFLICT (organization_id) DO UPDATE SET deleted = true, updated_at = now()""", organizationId);
    }

    public Optional<String> nameOf(String organizationId) {
        try (PreparedStatement select = transactions.getConnection().prepareStatement(
                "SELECT name FROM organization_directory WHERE organization_id = ? AND NOT deleted")) {
            select.setString(1, organizationId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the organization directory", e);
        }
    }

    private void update(String sql, String... parameters) {
        try (PreparedStatement statement = transactions.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the organization directory", e);
        }
    }
}
