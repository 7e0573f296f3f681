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

    /** org-service refused the acceptance because the organization changed the invitee's membership first. */
    @Query("""
            INSERT INTO refused_grant (invitation_id, cause) VALUES (:invitationId, 'invitee')
            ON CONFLICT (invitation_id) DO NOTHING""")
    void refusedForInvitee(UUID invitationId);

    /**
     * Why an accepted invitation will get no member, in one statement (asked on every poll of a waiting accept):
     * {@link #REFUSED} when org-service refused its grant, {@link #REFUSED_FOR_INVITEE} when it refused the
     * acceptance itself, {@link #ORGANIZATION_DELETED} when the organization's tombstone is here, else 0.
     */
    @Query("""
            SELECT COALESCE((SELECT CASE WHEN cause = 'invitee' THEN 3 ELSE 1 END FROM refused_grant
                             WHERE invitation_id = :invitationId),
                            CASE WHEN EXISTS (SELECT 1 FROM organization_view WHERE id = :organizationId AND deleted)
                                 THEN 2 ELSE 0 END)""")
    int noMemberComing(UUID invitationId, String organizationId);

    int REFUSED = 1;
    int ORGANIZATION_DELETED = 2;
    int REFUSED_FOR_INVITEE = 3;
}
