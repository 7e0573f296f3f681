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

    @Query("UPDATE signing_key SET retired_at = :retiredAt WHERE retired_at IS NULL")
    void retireCurrent(Instant retiredAt);
}
