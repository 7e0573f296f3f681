package io.documind.org.token;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Refresh tokens: opaque, stored as hashes, rotated on every use. A family is one sign-in; presenting a
 * token that was already rotated means it leaked (or a client misbehaves), so the whole family is revoked.
 */
@Singleton
public class RefreshTokens {

    public sealed interface Rotation permits Rotated, Rejected {
    }

    /** The presented token was valid and is now used up. */
    public record Rotated(String userId, String clientId, List<String> scopes, UUID familyId) implements Rotation {
    }

    public record Rejected(String reason) implements Rotation {
    }

    private final TransactionOperations<Connection> transactions;
    private final TokenSettings settings;

    public RefreshTokens(TransactionOperations<Connection> transactions, TokenSettings settings) {
        this.transactions = transactions;
        this.settings = settings;
    }

    /** Issues a token of the given family (a new family for a new sign-in); runs in the caller's transaction. */
    public String issue(String userId, String clientId, List<String> scopes, UUID familyId) {
        String token = Secrets.generate();
        try (PreparedStatement insert = transactions.getConnection().prepareStatement("""
                INSERT INTO refresh_token (token_hash, family_id, user_id, client_id, scopes, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, Secrets.hash(token));
            insert.setObject(2, familyId);
            insert.setString(3, userId);
            insert.setString(4, clientId);
            insert.setString(5, String.join(" ", scopes));
            insert.setTimestamp(6, Timestamp.from(Instant.now().plus(settings.getRefreshTokenLifetime())));
            insert.executeUpdate();
            return token;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a refresh token", e);
        }
    }

    /**
     * Uses a token up. Runs in the caller's transaction; on reuse the family is revoked, and the caller must
     * commit that even though it answers with an error.
     */
    public Rotation rotate(String presented) {
        Connection c = transactions.getConnection();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT user_id, client_id, scopes, family_id, expires_at, used_at, revoked_at
                FROM refresh_token WHERE token_hash = ? FOR UPDATE""")) {
            select.setString(1, Secrets.hash(presented));
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return new Rejected("unknown refresh token");
                }
                UUID family = rs.getObject(4, UUID.class);
                if (rs.getTimestamp(7) != null) {
                    return new Rejected("refresh token revoked");
                }
                if (rs.getTimestamp(6) != null) {
                    revokeFamily(c, family);
                    return new Rejected("refresh token already used; its sign-in is revoked");
                }
                if (rs.getTimestamp(5).toInstant().isBefore(Instant.now())) {
                    return new Rejected("refresh token expired");
                }
                markUsed(c, presented);
                String scopes = rs.getString(3);
                return new Rotated(rs.getString(1), rs.getString(2),
                        scopes.isBlank() ? List.of() : Arrays.asList(scopes.split(" ")), family);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot rotate a refresh token", e);
        }
    }

    /** Revokes the sign-in the token belongs to (RFC 7009); unknown tokens are ignored. */
    public void revoke(String presented) {
        try (PreparedStatement update = transactions.getConnection().prepareStatement("""
                UPDATE refresh_token SET revoked_at = now()
                WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_token WHERE token_hash = ?)""")) {
            update.setString(1, Secrets.hash(presented));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke a refresh token", e);
        }
    }

    private static void revokeFamily(Connection c, UUID family) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE refresh_token SET revoked_at = now() WHERE family_id = ? AND revoked_at IS NULL")) {
            update.setObject(1, family);
            update.executeUpdate();
        }
    }

    private static void markUsed(Connection c, String presented) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE refresh_token SET used_at = now() WHERE token_hash = ?")) {
            update.setString(1, Secrets.hash(presented));
            update.executeUpdate();
        }
    }
}
