package io.documind.org.membership;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Memberships and their roles, in plain SQL on the caller's transaction. */
@Singleton
public class MembershipRepository {

    private final TransactionOperations<Connection> transactions;

    public MembershipRepository(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** @return false when the user already was a member */
    public boolean insert(UUID organizationId, String userId, String email) {
        return update("""
                INSERT INTO membership (organization_id, user_id, email) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", organizationId, userId, email) == 1;
    }

    /** Grants the named template roles; unknown names are ignored. Returns how many were new. */
    public int grantRoles(UUID organizationId, String userId, List<String> roleNames) {
        return update("""
                INSERT INTO membership_role (organization_id, user_id, role_id)
                SELECT ?, ?, r.id FROM organization_role r WHERE r.name = ANY (?)
                ON CONFLICT DO NOTHING""", organizationId, userId, roleNames.toArray(String[]::new));
    }

    public List<Member> members(UUID organizationId) {
        String sql = """
                SELECT m.user_id, m.email,
                       COALESCE(array_agg(r.name ORDER BY r.name) FILTER (WHERE r.name IS NOT NULL), '{}')
                FROM membership m
                LEFT JOIN membership_role mr ON mr.organization_id = m.organization_id AND mr.user_id = m.user_id
                LEFT JOIN organization_role r ON r.id = mr.role_id
                WHERE m.organization_id = ?
                GROUP BY m.user_id, m.email, m.created_at
                ORDER BY m.created_at, m.user_id""";
        try (PreparedStatement select = connection().prepareStatement(sql)) {
            select.setObject(1, organizationId);
            try (ResultSet rs = select.executeQuery()) {
                List<Member> members = new ArrayList<>();
                while (rs.next()) {
                    members.add(new Member(rs.getString(1), rs.getString(2), strings(rs.getArray(3))));
                }
                return members;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list members of " + organizationId, e);
        }
    }

    public boolean isMember(UUID organizationId, String userId) {
        try (PreparedStatement select = connection().prepareStatement(
                "SELECT 1 FROM membership WHERE organization_id = ? AND user_id = ?")) {
            select.setObject(1, organizationId);
            select.setString(2, userId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check membership", e);
        }
    }

    private int update(String sql, Object... parameters) {
        Connection c = connection();
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                statement.setObject(i + 1, p instanceof String[] array ? c.createArrayOf("text", array) : p);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("membership update failed", e);
        }
    }

    private Connection connection() {
        return transactions.getConnection();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
