package io.documind.org.resource;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiResourceRepository extends CrudRepository<ApiResource, String> {

    /** Its row locked until the transaction ends: a change written back as a whole row must not undo another. */
    Optional<ApiResource> findByIdForUpdate(String id);

    Optional<ApiResource> findByIndicator(String indicator);

    @Query("SELECT * FROM api_resource ORDER BY created_at, id LIMIT :limit OFFSET :offset")
    List<ApiResource> page(int limit, long offset);

    /** The longest accessTokenTtl any resource has (seconds), 0 with none: how long a replaced key must stay. */
    @Query("SELECT COALESCE(max(access_token_ttl), 0) FROM api_resource")
    int longestAccessTokenTtl();
}
