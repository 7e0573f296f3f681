package io.documind.org.token;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface RefreshTokenRepository extends GenericRepository<RefreshToken, String> {

    RefreshToken save(RefreshToken token);

    /** Whether the sign-in still has a token that was not revoked (a pruned token of it was presented). */
    @Query("SELECT EXISTS (SELECT 1 FROM refresh_token WHERE family_id = :familyId AND revoked_at IS NULL)")
    boolean familyLives(UUID familyId);

    /**
     * Deletes up to {@code batch} rows rotated, revoked or expired before {@code before} (index
     * refresh_token_spent); small batches keep each transaction's locks and WAL short. Rows another transaction
     * holds are skipped, left for the next run: a sign-in being revoked (or its user deleted) locks its rows in
     * another order than this, and waiting on one while holding others could deadlock with it.
     */
    @Query("""
            DELETE FROM refresh_token WHERE token_hash IN (
                SELECT token_hash FROM refresh_token WHERE LEAST(used_at, revoked_at, expires_at) < :before
                LIMIT :batch FOR UPDATE SKIP LOCKED)""")
    int deleteSpent(Instant before, int batch);

    /** Returns how many tokens it revoked: see {@link RefreshTokens#revokeFamily} for why that matters. */
    @Query("UPDATE refresh_token SET revoked_at = now() WHERE family_id = :familyId AND revoked_at IS NULL")
    int revokeFamily(UUID familyId);

    @Query("SELECT family_id FROM refresh_token WHERE token_hash = :tokenHash")
    Optional<UUID> findFamilyIdByTokenHash(String tokenHash);
}
