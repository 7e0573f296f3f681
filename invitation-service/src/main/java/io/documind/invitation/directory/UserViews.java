package io.documind.invitation.directory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/** The platform's users; deleted ones are tombstones (user events may arrive out of order). */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface UserViews extends GenericRepository<KnownUser, String> {

    @Query("SELECT id, email FROM user_view WHERE id = :id AND NOT deleted")
    Optional<KnownUser> findLive(String id);

    /**
     * Until the transaction ends, the user's address is this transaction's to copy or change (an advisory lock keyed
     * by the user; 7313 names the kind). A membership remembered while the user's new address was applied (their
     * events travel on different keys, so on different consumer threads) each missed the other's uncommitted row:
     * the member view kept the old address for good, and a removal then missed an invitation sent to the new one.
     */
    @Query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(7313, hashtext(:id))) AS held")
    int holdAddress(String id);

    /** @return 0 when the user is deleted: nothing changed */
    @Query("""
            INSERT INTO user_view (id, email) VALUES (:id, :email)
            ON CONFLICT (id) DO UPDATE SET email = excluded.email WHERE NOT user_view.deleted""")
    int remember(String id, @Nullable String email);

    @Query("""
            INSERT INTO user_view (id, deleted) VALUES (:id, true)
            ON CONFLICT (id) DO UPDATE SET deleted = true, email = NULL""")
    void markDeleted(String id);
}
