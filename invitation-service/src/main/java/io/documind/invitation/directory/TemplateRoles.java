package io.documind.invitation.directory;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/** The organization template's roles, in the order org-service sent them. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface TemplateRoles extends GenericRepository<TemplateRole, String> {

    @Query("SELECT id, name, scopes FROM role_view ORDER BY position")
    List<TemplateRole> findAllInOrder();

    @Query("DELETE FROM role_view")
    void deleteAll();

    @Query("INSERT INTO role_view (name, id, scopes, position) VALUES (:name, :id, :scopes, :position)")
    void insert(String name, @io.micronaut.core.annotation.Nullable String id, String[] scopes, int position);
}
