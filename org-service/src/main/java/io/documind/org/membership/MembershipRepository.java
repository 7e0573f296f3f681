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

    /** Removes the membership (its roles go with it); false when there was none. */
    public boolean delete(UUID organizationId, String userId) {
        return update("DELETE FROM membership WHERE organization_id = ? AND user_id = ?", organizationId, userId) == 1;
    }

    public void revokeAllRoles(UUID organizationId, String userId) {
        update("DELETE FROM membership_role WHERE organization_id = ? AND user_id = ?", organizationId, userId);
    }

    public int revokeRole(UUID organizationId, String userId, UUID roleId) {
        return update("DELETE FROM membership_role WHERE organization_id = ? AND user_id = ? AND role_id = ?",
                organizationId, userId, roleId);
    }

    /** Grants roles by id; returns how many were new. */
    public int grantRoleIds(UUID organizationId, String userId, List<UUID> roleIds) {
        int granted = 0;
        for (UUID roleId : roleIds) {
            granted += update("""
                    INSERT INTO membership_role (organization_id, user_id, role_id) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""", organizationId, userId, roleId);
        }
        return granted;
    }

    /** How many members hold the named role. */
    public long countWithRole(UUID organizationId, String roleName) {
        try (PreparedStatement select = connection().prepareStatement("""
                SELECT count(*) FROM membership_role mr JOIN organization_role r ON r.id = mr.role_id
                WHERE mr.organization_id = ? AND r.name = ?""")) {
            select.setObject(1, organizationId);
            select.setString(2, roleName);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count role holders", e);
        }
    }

    /** The organizations a user belongs to, each with the user's role names. */
    public List<UserOrganization> organizationsOf(String userId) {
        String sql = """
                SELECT o.id, o.name, o.description,
                       COALESCE(array_agg(r.name ORDER BY r.name) FILTER (WHERE r.name IS NOT NULL), '{}')
                FROM membership m
                JOIN organization o ON o.id = m.organization_id
                LEFT JOIN membership_role mr ON mr.organization_id = m.organization_id AND mr.user_id = m.user_id
                LEFT JOIN organization_role r ON r.id = mr.role_id
                WHERE m.user_id = ?
                GROUP BY o.id, o.name, o.description, o.created_at
                ORDER BY o.created_at, o.id""";
        try (PreparedStatement select = connection().prepareStatement(sql)) {
            select.setString(1, userId);
            try (ResultSet rs = select.executeQuery()) {
                List<UserOrganization> result = new ArrayList<>();
                while (rs.next()) {
                    result.add(new UserOrganization(rs.getObject(1, UUID.class).toString(), rs.getString(2),
                            rs.getString(3), strings(rs.getArray(4))));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list organizations of " + userId, e);
        }
    }

    public List<Member> members(UUID organizationId) {
        return members(organizationId, Integer.MAX_VALUE, 0);
    }

    public long countMembers(UUID organizationId) {
        try (PreparedStatement select = connection().prepareStatement(
                "SELECT count(*) FROM membership WHERE organization_id = ?")) {
            select.setObject(1, organizationId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count members", e);
        }
    }

    public List<Member> members(UUID organizationId, int limit, long offset) {
        return selectMembers("m.organization_id = ?", " LIMIT ? OFFSET ?", organizationId, limit, offset);
    }

    /** One member with its roles, without reading the rest of the organization. */
    public java.util.Optional<Member> member(UUID organizationId, String userId) {
        return selectMembers("m.organization_id = ? AND m.user_id = ?", "", organizationId, userId).stream().findFirst();
    }

    private List<Member> selectMembers(String where, String paging, Object... parameters) {
        String sql = """
                SELECT m.user_id, m.email,
                       COALESCE(array_agg(r.name ORDER BY r.name) FILTER (WHERE r.name IS NOT NULL), '{}')
                FROM membership m
                LEFT JOIN membership_role mr ON mr.organization_id = m.organization_id AND mr.user_id = m.user_id
                LEFT JOIN organization_role r ON r.id = mr.role_id
                WHERE %s
                GROUP BY m.user_id, m.email, m.created_at
                ORDER BY m.created_at, m.user_id%s""".formatted(where, paging);
        try (PreparedStatement select = connection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                List<Member> members = new ArrayList<>();
                while (rs.next()) {
                    members.add(new Member(rs.getString(1), rs.getString(2), strings(rs.getArray(3))));
                }
                return members;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read members of " + parameters[0], e);
        }
    }

    /** The scopes the member's roles grant, or empty when the user is not a member. */
    public java.util.Optional<List<String>> scopesOf(UUID organizationId, String userId) {
        String sql = """
                SELECT COALESCE(array_agg(DISTINCT s.name ORDER BY s.name) FILTER (WHERE s.name IS NOT NULL), '{}')
                FROM membership m
                LEFT JOIN membership_role mr ON mr.organization_id = m.organization_id AND mr.user_id = m.user_id
                LEFT JOIN organization_role_scope rs ON rs.role_id = mr.role_id
                LEFT JOIN organization_scope s ON s.id = rs.scope_id
                WHERE m.organization_id = ? AND m.user_id = ?
                GROUP BY m.organization_id, m.user_id""";
        try (PreparedStatement select = connection().prepareStatement(sql)) {
            select.setObject(1, organizationId);
            select.setString(2, userId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? java.util.Optional.of(strings(rs.getArray(1))) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read member scopes", e);
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
