package io.documind.invitation.acceptance;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RefusedGrantRepository extends GenericRepository<RefusedGrant, UUID> {

    @Query("""
            INSERT INTO refused_grant (invitation_id, grantor_id) VALUES (:invitationId, :grantorId)
            ON CONFLICT (invitation_id) DO NOTHING""")
    void refused(UUID invitationId, String grantorId);

    boolean existsById(UUID invitationId);
}
