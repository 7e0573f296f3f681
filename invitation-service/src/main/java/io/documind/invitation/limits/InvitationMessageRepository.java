package io.documind.invitation.limits;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InvitationMessageRepository extends CrudRepository<InvitationMessage, UUID> {

    /**
     * Until the transaction ends: one organization's admissions one after the other, in every instance, so
     * parallel requests cannot all see room for one more.
     */
    @Query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(7311, hashtext(:organizationId))) AS locked")
    int lockOrganization(String organizationId);

    /** Oldest first; at most the limits' worth of rows, since each refusal writes none. */
    @Query("SELECT * FROM invitation_message WHERE organization_id = :organizationId AND sent_at > :since ORDER BY sent_at")
    List<InvitationMessage> since(String organizationId, Instant since);

    @Query("DELETE FROM invitation_message WHERE organization_id = :organizationId AND sent_at <= :before")
    void forgetBefore(String organizationId, Instant before);
}
