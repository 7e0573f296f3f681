package io.documind.org.identity;

import io.documind.org.authority.AuthorityVersions;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UserRepository extends CrudRepository<User, String> {

    /** The user, its row locked until the transaction ends (a membership being added to it waits, or is waited for). */
    Optional<User> findByIdForUpdate(String id);

    /** The user, its row held against suspension and deletion until the transaction ends. */
    @Query("SELECT * FROM app_user WHERE id = :id FOR SHARE")
    Optional<User> findByIdForShare(String id);

    /**
     * Holds the user's row (KEY SHARE, the lock a membership's foreign key takes) until the transaction ends: a write
     * that then holds roles takes it in the order organization, user, member, role.
     */
    @Query("SELECT id FROM app_user WHERE id = :id FOR KEY SHARE")
    List<String> hold(String id);

    @Query("SELECT * FROM app_user WHERE id IN (:ids)")
    List<User> findByIds(Collection<String> ids);

    @Query("SELECT * FROM app_user WHERE lower(email) = lower(:email)")
    Optional<User> findByEmailIgnoreCase(String email);

    @Query("""
            SELECT * FROM app_user
            WHERE (CAST(:q AS TEXT) IS NULL OR lower(email) LIKE :q OR lower(name) LIKE :q)
            ORDER BY created_at, id LIMIT :limit OFFSET :offset""")
    List<User> search(@io.micronaut.core.annotation.Nullable String q, int limit, long offset);

    @Query("SELECT count(*) FROM app_user WHERE (CAST(:q AS TEXT) IS NULL OR lower(email) LIKE :q OR lower(name) LIKE :q)")
    long countSearch(@io.micronaut.core.annotation.Nullable String q);

    /** A user with its subject authority version, read in one statement: see {@link UserAuthorities}. */
    @Query("SELECT u.*, " + AuthorityVersions.USER_VERSION + " AS version FROM app_user u WHERE lower(u.email) = lower(:email)")
    Optional<UserAuthorities.Row> authorityByEmail(String email);

    @Query("SELECT u.*, " + AuthorityVersions.USER_VERSION + " AS version FROM app_user u WHERE u.id = :id")
    Optional<UserAuthorities.Row> authorityById(String id);
}
