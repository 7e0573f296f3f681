package io.documind.org.token;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface LoginFailureRepository extends GenericRepository<LoginFailure, String> {

    /**
     * The key's row, created with 0 failures if missing, locked and read in one statement. As two statements
     * (insert if missing, then SELECT ... FOR UPDATE) a concurrent update that deleted the row in between left
     * nothing to lock, and the sign-in answered 500.
     */
    @Query("""
            INSERT INTO login_failure (key, failures, window_start) VALUES (:key, 0, now())
            ON CONFLICT (key) DO UPDATE SET key = excluded.key
            RETURNING key, failures, window_start, blocked_until""")
    LoginFailure lock(String key);

    @Query("UPDATE login_failure SET failures = :failures, window_start = :windowStart, blocked_until = :blockedUntil WHERE key = :key")
    void store(String key, int failures, Instant windowStart, @Nullable Instant blockedUntil);

    @Query("DELETE FROM login_failure WHERE key = :key")
    void forget(String key);

    @Query("DELETE FROM login_failure WHERE window_start < :stale AND (blocked_until IS NULL OR blocked_until < :blockOver)")
    int deleteOver(Instant stale, Instant blockOver);

    @Query("SELECT EXISTS (SELECT 1 FROM login_trusted_address WHERE account = :account AND address = :address AND trusted_until > :now)")
    boolean trusted(String account, String address, Instant now);

    @Query("""
            INSERT INTO login_trusted_address (account, address, trusted_until) VALUES (:account, :address, :until)
            ON CONFLICT (account, address) DO UPDATE SET trusted_until = excluded.trusted_until""")
    void trust(String account, String address, Instant until);

    @Query("DELETE FROM login_trusted_address WHERE trusted_until < now()")
    int deleteUntrusted();
}
