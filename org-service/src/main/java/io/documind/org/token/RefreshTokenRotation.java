package io.documind.org.token;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * A rotation in one round trip (it took three: lock, mark used, insert the successor). Plain JDBC on the
 * transaction's connection because micronaut-data classifies a raw query by its keywords: with the INSERT inside
 * the CTE it runs the statement as a write and cannot map its rows to {@link Presented}.
 */
@Singleton
class RefreshTokenRotation {

    /** A token as {@link RefreshTokens#rotate} weighs it; the reuse window is measured by the database's clock. */
    record Presented(String userId, String clientId, String scopes, UUID familyId, Instant expiresAt,
                     Instant usedAt, Instant revokedAt, long authorityVersion, boolean withinReuseWindow) {
    }

    /**
     * Locks the presented token (two rotations of it run one after the other), marks it used if it was not, and,
     * when it may be answered (not revoked, not expired, unused or within the reuse window), inserts its successor;
     * returns the presented token as it was. The caller's later refusals either roll the successor back or revoke
     * the family with it.
     *
     * <p>A token used for the first time also ends every other unused token of its family ({@code superseded}):
     * the siblings the reuse window handed out. It marks them used and superseded, and a superseded token is never
     * answered, not even within the window: presenting it is reuse, which revokes the sign-in. So only one chain of
     * a sign-in lives on. Without this, a token stolen and presented within the window started a second chain that
     * lived as long as the first; now whichever chain refreshes first ends the other's leaf, and the other's next
     * refresh ends the sign-in, both chains with it. Rotations of one family run one after another ({@link
     * #HOLD_FAMILY}); {@code SKIP LOCKED} passes over a sibling that something else holds (a revocation ending it)
     * instead of waiting on it.
     */
    private static final String ROTATE = """
            WITH presented AS (
                SELECT token_hash, user_id, client_id, scopes, family_id, expires_at, used_at, revoked_at,
                       authority_version,
                       COALESCE(superseded_at IS NULL
                                AND used_at > now() - CAST(? AS double precision) * interval '1 millisecond', false)
                           AS within_reuse_window
                FROM refresh_token
                WHERE token_hash = ? AND (CAST(? AS uuid) IS NULL OR family_id = CAST(? AS uuid)) FOR UPDATE),
            spent AS (
                UPDATE refresh_token t SET used_at = now() FROM presented p
                WHERE t.token_hash = p.token_hash AND p.used_at IS NULL AND p.revoked_at IS NULL),
            superseded AS (
                UPDATE refresh_token t SET used_at = now(), superseded_at = now()
                WHERE t.token_hash IN (
                    SELECT o.token_hash FROM refresh_token o JOIN presented p ON o.family_id = p.family_id
                    WHERE o.used_at IS NULL AND o.revoked_at IS NULL AND o.token_hash <> p.token_hash
                      AND p.used_at IS NULL AND p.revoked_at IS NULL AND p.expires_at > now()
                    FOR UPDATE OF o SKIP LOCKED)),
            successor AS (
                INSERT INTO refresh_token (token_hash, family_id, user_id, client_id, scopes, expires_at,
                                           authority_version)
                SELECT ?, family_id, user_id, client_id, scopes, ?, authority_version
                FROM presented
                WHERE revoked_at IS NULL AND expires_at > now() AND (used_at IS NULL OR within_reuse_window))
            SELECT user_id, client_id, scopes, family_id, expires_at, used_at, revoked_at, authority_version,
                   within_reuse_window
            FROM presented""";

    /**
     * Rotations of one sign-in run one after another: ROTATE's snapshot is taken when it starts, so two rotations of
     * two of its tokens at the same moment (or one waiting on a token's row lock while the other commits) would not
     * see each other's successor, and both chains would live on. The lock is a statement of its own, before ROTATE
     * in the same message (one round trip): ROTATE's snapshot then comes after the other rotation's commit; the
     * second of two parallel refreshes of one token still gets the reuse window's answer. Keyed by the family of
     * the stored token, not the one the presented token names: a client may write any prefix, and a token presented
     * with another family's (or none) took another lock, passed the held sibling and kept a second chain alive.
     */
    private static final String HOLD_FAMILY = """
            SELECT pg_advisory_xact_lock(7101, hashtext(CAST(family_id AS text))) FROM refresh_token
            WHERE token_hash = ?;
            """;

    /**
     * The token's user, held before the token is locked: the successor's foreign key holds it anyway, but only after
     * the token. A user's deletion locks the user and then, cascading, its tokens; taken token first, a refresh in
     * those milliseconds and the deletion each waited for the other (a deadlock: PostgreSQL ends one, answered 503).
     * KEY SHARE waits for a deletion and for a transaction holding the user FOR UPDATE (a suspension, a password or
     * email change), all of which lock the user before any token; not for plain updates of the user's row.
     */
    private static final String HOLD_USER = """
            SELECT 1 FROM app_user WHERE id = (SELECT user_id FROM refresh_token WHERE token_hash = ?) FOR KEY SHARE;
            """;

    private final TransactionOperations<Connection> transactions;

    RefreshTokenRotation(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /**
     * Runs in the caller's transaction.
     *
     * @param familyId the family the presented token names, if it names one (tokens from before families were named
     *                 name none); a token of another family is not found
     */
    Optional<Presented> rotate(@Nullable UUID familyId, String tokenHash, long reuseWindowMillis, String nextHash,
                               Instant nextExpiresAt) {
        String family = familyId == null ? null : familyId.toString();
        try (PreparedStatement statement = transactions.getConnection().prepareStatement(
                HOLD_FAMILY + HOLD_USER + ROTATE)) {
            int p = 0;
            statement.setString(++p, tokenHash);
            statement.setString(++p, tokenHash);
            statement.setLong(++p, reuseWindowMillis);
            statement.setString(++p, tokenHash);
            statement.setString(++p, family);
            statement.setString(++p, family);
            statement.setString(++p, nextHash);
            statement.setTimestamp(++p, Timestamp.from(nextExpiresAt));
            statement.execute();
            for (int hold = 2; hold > 0; hold--) {
                if (!statement.getMoreResults()) {
                    throw new SQLException("the rotation returned no rows after its holds");
                }
            }
            try (ResultSet rs = statement.getResultSet()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Presented(rs.getString("user_id"), rs.getString("client_id"),
                        rs.getString("scopes"), rs.getObject("family_id", UUID.class), instant(rs, "expires_at"),
                        instant(rs, "used_at"), instant(rs, "revoked_at"), rs.getLong("authority_version"),
                        rs.getBoolean("within_reuse_window")));
            }
        } catch (SQLException e) {
            // As a repository statement fails: the kit's DatabaseFailures answers an outage 503, not 500.
            throw new DataAccessException("cannot rotate a refresh token", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
