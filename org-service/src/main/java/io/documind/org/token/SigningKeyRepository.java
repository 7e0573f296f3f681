package io.documind.org.token;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SigningKeyRepository extends GenericRepository<SigningKey, String> {

    List<SigningKey> findAll();

    SigningKey save(SigningKey key);

    /** Replaces a stored private key's form (sealed again) only while it still holds {@code previous}. */
    @Query("UPDATE signing_key SET private_jwk = :replacement WHERE kid = :kid AND private_jwk = :previous")
    int replacePrivateJwk(String kid, String previous, String replacement);

    @Query("UPDATE signing_key SET retired_at = :retiredAt WHERE retired_at IS NULL")
    void retireCurrent(Instant retiredAt);

    /**
     * Serializes the first key's creation between instances starting together on an empty database (until the
     * transaction ends): otherwise each generated a key of its own, and each published only its own until the
     * next reload.
     */
    @Query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(" + FIRST_KEY_LOCK + ")) AS locked")
    int lockFirstKey();

    /** A statement of its own after {@link #lockFirstKey}: under READ COMMITTED it sees what committed meanwhile. */
    @Query("SELECT count(*) FROM signing_key")
    long countKeys();

    /** The advisory lock's key (org-service's database only). */
    long FIRST_KEY_LOCK = 0x0D0C_4D1D_0000_0011L;
}
