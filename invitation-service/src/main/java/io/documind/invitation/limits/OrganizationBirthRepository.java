package io.documind.invitation.limits;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OrganizationBirthRepository extends GenericRepository<OrganizationBirth, String> {

    @Query("""
            INSERT INTO organization_birth (organization_id, created_at) VALUES (:organizationId, :createdAt)
            ON CONFLICT (organization_id) DO NOTHING""")
    void born(String organizationId, Instant createdAt);

    Optional<OrganizationBirth> findById(String organizationId);
}
