package io.documind.invitation.limits;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WaitingMailRepository extends GenericRepository<WaitingMail, UUID> {

    /** The invitation's newest email replaces an older one still waiting (notification-service cancels that). */
    @Query("""
            INSERT INTO invitation_mail_waiting (invitation_id, organization_id, event_id)
            VALUES (:invitationId, :organizationId, :eventId)
            ON CONFLICT (invitation_id) DO UPDATE SET event_id = excluded.event_id, requested_at = now()""")
    void requested(UUID invitationId, String organizationId, UUID eventId);

    @Query("DELETE FROM invitation_mail_waiting WHERE event_id = :eventId")
    int answered(UUID eventId);

    @Query("DELETE FROM invitation_mail_waiting WHERE invitation_id = :invitationId")
    int moot(UUID invitationId);

    @Query("SELECT count(*) FROM invitation_mail_waiting WHERE organization_id = :organizationId")
    long countOf(String organizationId);
}
