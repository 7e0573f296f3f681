package io.documind.org.emailcode;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EmailCodeRepository extends CrudRepository<EmailCode, String> {

    /** Locks the code, so parallel guesses are counted one after the other and one code verifies once. */
    @Query("SELECT * FROM email_code WHERE id = :id FOR UPDATE")
    Optional<EmailCode> findForUpdate(String id);

    @Query("SELECT * FROM email_code WHERE link_hash = :linkHash FOR UPDATE")
    Optional<EmailCode> findByLinkHashForUpdate(String linkHash);

    Optional<EmailCode> findByLinkHash(String linkHash);

    @Query("UPDATE email_code SET attempts = attempts + 1 WHERE id = :id")
    void countAttempt(String id);
}
