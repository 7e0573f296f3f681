package io.documind.org.token;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface RefreshTokenRepository extends GenericRepository<RefreshToken, String> {

    /** A token as {@link RefreshTokens#rotate} weighs it; the reuse window is measured by the database's clock. */
    @Introspected
    record Presented(String userId, String clientId, String scopes, UUID familyId, Instant expiresAt,
                     @Nullable Instant usedAt, @Nullable Instant revokedAt, long authorityVersion,
                     boolean withinReuseWindow) {
    }

    RefreshToken save(RefreshToken token);

    /** Locks the token, so two rotations of it run one after the other. */
    @Query("""
            SELECT user_id, client_id, scopes, family_id, expires_at, used_at, revoked_at, authority_version,
                   COALESCE(used_at > now() - CAST(:reuseWindowMillis AS double precision) * interval '1 millisecond',
                            false) AS within_reuse_window
            FROM refresh_token WHERE token_hash = :tokenHash FOR UPDATE""")
    Optional<Presented> findForRotation(String tokenHash, long reuseWindowMillis);

    @Query("UPDATE refresh_token SET used_at = now() WHERE token_hash = :tokenHash")
    void markUsed(String tokenHash);

    @Query("UPDATE refresh_token SET revoked_at = now() WHERE family_id = :familyId AND revoked_at IS NULL")
    void revokeFamily(UUID familyId);

    @Query("""
            UPDATE refresh_token SET revoked_at = now()
            WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_token WHERE token_hash = :tokenHash)""")
    void revokeFamilyOf(String tokenHash);
}
