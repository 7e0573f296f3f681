package io.documind.org.application;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApplicationRepository extends CrudRepository<Application, String> {

    @Query("SELECT * FROM application ORDER BY created_at, id LIMIT :limit OFFSET :offset")
    List<Application> page(int limit, long offset);

    long countByIdIn(Collection<String> id);
}
