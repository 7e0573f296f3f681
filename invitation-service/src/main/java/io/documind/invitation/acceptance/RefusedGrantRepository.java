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

    /**
     * Why an accepted invitation will get no member, in one statement (asked on every poll of a waiting accept):
     * {@link #REFUSED} when org-service refused its grant, {@link #ORGANIZATION_DELETED} when the organization's
     * tombstone is here, else 0.
     */
    @Query("""
            SELECT CASE WHEN EXISTS (SELECT 1 FROM refused_grant WHERE invitation_id = :invitationId) THEN 1
                        WHEN EXISTS (SELECT 1 FROM organization_view WHERE id = :organizationId AND deleted) THEN 2
                        ELSE 0 END""")
    int noMemberComing(UUID invitationId, String organizationId);

    int REFUSED = 1;
    int ORGANIZATION_DELETED = 2;
}
