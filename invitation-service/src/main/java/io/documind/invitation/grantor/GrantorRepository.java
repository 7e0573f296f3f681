package io.documind.invitation.grantor;

import io.documind.invitation.lifecycle.InvitationRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code invitation_grantor}: who vouched for each invitation's roles (V6). On the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface GrantorRepository extends GenericRepository<InvitationRow, UUID> {

    @Query("""
            INSERT INTO invitation_grantor (invitation_id, organization_id, grantor_id)
            VALUES (:invitationId, :organizationId, :grantorId)
            ON CONFLICT (invitation_id) DO UPDATE SET grantor_id = excluded.grantor_id""")
    void vouch(UUID invitationId, String organizationId, String grantorId);

    /**
     * Until the transaction ends, {@code grantorId} may vouch (shared: its requests do not wait for each other) and
     * its revocations wait ({@link #stopVouching}). A lock on the id rather than a row: an application, or a member
     * whose MembershipCreated has not arrived yet, has no row here to hold. Key space 7312 (7311 is the admissions').
     */
    @Query("SELECT 1 FROM (SELECT pg_advisory_xact_lock_shared(7312, hashtext(:grantorId))) AS held")
    int shareVouching(String grantorId);

    /** Waits for every transaction vouching as {@code grantorId} to end, and keeps the next ones waiting. */
    @Query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(7312, hashtext(:grantorId))) AS held")
    int stopVouching(String grantorId);

    @Query("SELECT grantor_id FROM invitation_grantor WHERE invitation_id = :invitationId")
    Optional<String> grantorOf(UUID invitationId);

    @Query("DELETE FROM invitation_grantor WHERE invitation_id = :invitationId")
    void forget(UUID invitationId);

    /**
     * The pending invitations {@code grantorId} vouched for, in one organization or (null) in every one, locked in id
     * order (a fixed order against deadlocks with other revocations); overdue ones are left to the expiry sweep. The
     * grantor row is locked too, so one a concurrent send-again handed to someone else is read again after the wait
     * and no longer matches.
     */
    @Query("""
            SELECT i.* FROM invitation i JOIN invitation_grantor g ON g.invitation_id = i.id
            WHERE g.grantor_id = :grantorId
              AND (CAST(:organizationId AS TEXT) IS NULL OR g.organization_id = :organizationId)
              AND i.status = 'Pending' AND i.expires_at > :now
            ORDER BY i.id FOR UPDATE OF i, g""")
    List<InvitationRow> pendingVouchedBy(String grantorId, @Nullable String organizationId, Instant now);
}
