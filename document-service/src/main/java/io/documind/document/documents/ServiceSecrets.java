package io.documind.document.documents;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ServiceSecrets extends GenericRepository<ServiceSecret, String> {

    Optional<ServiceSecret> findById(String name);
}
