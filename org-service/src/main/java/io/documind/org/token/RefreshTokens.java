package io.documind.org.token;

import io.documind.kit.jdbc.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh tokens: opaque, stored as hashes, rotated on every use. A family is one sign-in; presenting a
 * token that was already rotated means it leaked (or a client misbehaves), so the whole family is revoked, unless
 * it comes within {@code documind.token.refresh-reuse-window} of its rotation (see {@link #rotate}).
 */
@Singleton
public class RefreshTokens {

    public sealed interface Rotation permits Rotated, Rejected {
    }

    /**
     * The presented token was valid and is now used up. {@code authorityVersion} is its user's version when the
     * sign-in began; the caller refuses it once the user's version has grown.
     */
    public record Rotated(String userId, String clientId, List<String> scopes, UUID familyId, long authorityVersion)
            implements Rotation {
    }

    public record Rejected(String reason) implements Rotation {
    }

    private record Stored(String userId, String clientId, String scopes, UUID familyId, Instant expiresAt,
                          Instant usedAt, Instant revokedAt, long authorityVersion, boolean withinReuseWindow) {
    }

    private final Sql sql;
    private final TokenSettings settings;

    public RefreshTokens(Sql sql, TokenSettings settings) {
        this.sql = sql;
        this.settings = settings;
    }

    /**
     * Issues a token of the given family (a new family for a new sign-in) for the user at this authority version;
     * runs in the caller's transaction.
     */
    public String issue(String userId, String clientId, List<String> scopes, UUID familyId, long authorityVersion) {
        String token = Secrets.generate();
        sql.update("""
                INSERT INTO refresh_token (token_hash, family_id, user_id, client_id, scopes, expires_at,
                                           authority_version)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", Secrets.hash(token), familyId, userId, clientId,
                String.join(" ", scopes), Instant.now().plus(settings.getRefreshTokenLifetime()), authorityVersion);
        return token;
    }

    /**
     * Uses a token up. Runs in the caller's transaction; on reuse the family is revoked, and the caller must
     * commit that even though it answers with an error.
     *
     * <p>Overlap: a token rotated less than the reuse window ago (default 30 s, by the database's clock) is answered
     * as if it were still fresh, because two requests of one client racing with the same token (a user token and an
     * organization token fetched in parallel) are not a leak. The caller then issues a new sibling in the same
     * family: the first successor cannot be handed out again, as only hashes are stored. This is safe because the
     * sibling carries nothing the successor did not (same user, client, scopes, family and authority version, so
     * a password change or suspension still ends it), the window is short and counted from the first rotation
     * (presenting the token again does not extend it), and a reuse after the window still revokes the whole
     * family, siblings included.
     */
    public Rotation rotate(String presented) {
        String hash = Secrets.hash(presented);
        Optional<Stored> found = sql.one("""
                SELECT user_id, client_id, scopes, family_id, expires_at, used_at, revoked_at, authority_version,
                       used_at > now() - CAST(? AS double precision) * interval '1 millisecond' AS within_reuse_window
                FROM refresh_token WHERE token_hash = ? FOR UPDATE""",
                rs -> new Stored(rs.getString("user_id"), rs.getString("client_id"), rs.getString("scopes"),
                        rs.getObject("family_id", UUID.class), Sql.instant(rs, "expires_at"), Sql.instant(rs, "used_at"),
                        Sql.instant(rs, "revoked_at"), rs.getLong("authority_version"),
                        rs.getBoolean("within_reuse_window")),
                settings.getRefreshReuseWindow().toMillis(), hash);
        if (found.isEmpty()) {
            return new Rejected("unknown refresh token");
        }
        Stored token = found.get();
        if (token.revokedAt() != null) {
            return new Rejected("refresh token revoked");
        }
        if (token.usedAt() != null && !token.withinReuseWindow()) {
            revokeFamily(token.familyId());
            return new Rejected("refresh token already used; its sign-in is revoked");
        }
        if (token.expiresAt().isBefore(Instant.now())) {
            return new Rejected("refresh token expired");
        }
        if (token.usedAt() == null) {
            sql.update("UPDATE refresh_token SET used_at = now() WHERE token_hash = ?", hash);
        }
        return new Rotated(token.userId(), token.clientId(),
                token.scopes().isBlank() ? List.of() : Arrays.asList(token.scopes().split(" ")), token.familyId(),
                token.authorityVersion());
    }

    /** Ends a whole sign-in, e.g. one its user's authority outgrew; runs in the caller's transaction. */
    public void revokeFamily(UUID familyId) {
        sql.update("UPDATE refresh_token SET revoked_at = now() WHERE family_id = ? AND revoked_at IS NULL", familyId);
    }

    /** Revokes the sign-in the token belongs to (RFC 7009); unknown tokens are ignored. */
    public void revoke(String presented) {
        sql.update("""
                UPDATE refresh_token SET revoked_at = now()
                WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_token WHERE token_hash = ?)""",
                Secrets.hash(presented));
    }
}
