package io.documind.invitation.lifecycle;

import io.documind.contracts.EmailAddress;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Invitations, on the caller's transaction. The statements read rows as {@link InvitationRow}; the default
 * methods hand callers {@link Invitation}s.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InvitationRepository extends GenericRepository<InvitationRow, UUID> {

    /** Filters of a list; null means any. {@code status} is matched against what the status is at {@code now}. */
    record Filter(String organizationId, String invitee, String inviterId, InvitationStatus status, Instant now) {
    }

    /**
     * Inserts a Pending invitation, or nothing when the organization already has one pending for this
     * invitee: the partial unique index decides, so two concurrent creations cannot both win.
     */
    default Optional<Invitation> insertPending(UUID id, String organizationId, String invitee, String inviterId,
                                               String inviterEmail, List<InvitationRole> roles, byte[] secretHash,
                                               Instant expiresAt, Instant messageSentAt, Instant now) {
        int inserted = insertPending(id, organizationId, invitee, inviterId, inviterEmail,
                roles.stream().map(InvitationRole::id).toArray(String[]::new),
                roles.stream().map(InvitationRole::name).toArray(String[]::new),
                secretHash, expiresAt, messageSentAt, now);
        // Read back rather than RETURNING: micronaut-data takes INSERT ... RETURNING for an entity's own insert.
        return inserted == 1 ? find(id) : Optional.empty();
    }

    @Query("""
            INSERT INTO invitation (id, organization_id, invitee, inviter_id, inviter_email, role_ids, role_names,
                                    status, secret_hash, expires_at, message_sent_at, created_at, updated_at)
            VALUES (:id, :organizationId, :invitee, :inviterId, :inviterEmail, :roleIds, :roleNames, 'Pending',
                    :secretHash, :expiresAt, :messageSentAt, :now, :now)
            ON CONFLICT (organization_id, lower(invitee)) WHERE status = 'Pending' DO NOTHING""")
    int insertPending(UUID id, String organizationId, String invitee, @Nullable String inviterId,
                      @Nullable String inviterEmail, String[] roleIds, String[] roleNames, byte[] secretHash,
                      Instant expiresAt, @Nullable Instant messageSentAt, Instant now);

    default Optional<Invitation> find(UUID id) {
        return findById(id).map(InvitationRow::toInvitation);
    }

    Optional<InvitationRow> findById(UUID id);

    /** Locks the row until the transaction ends: concurrent changes of one invitation take turns. */
    default Optional<Invitation> findForUpdate(UUID id) {
        return lockById(id).map(InvitationRow::toInvitation);
    }

    @Query("SELECT * FROM invitation WHERE id = :id FOR UPDATE")
    Optional<InvitationRow> lockById(UUID id);

    default List<Invitation> list(Filter filter, long offset, int limit) {
        return list(filter.organizationId(), filter.invitee(), filter.inviterId(), statusName(filter), filter.now(),
                limit, offset).stream().map(InvitationRow::toInvitation).toList();
    }

    /**
     * Pending means not yet past its time; Expired also takes Pending rows past their time, before the sweep
     * has written them down.
     */
    String FILTER = """
            WHERE (CAST(:organizationId AS TEXT) IS NULL OR organization_id = :organizationId)
              AND (CAST(:invitee AS TEXT) IS NULL OR lower(invitee) = lower(:invitee))
              AND (CAST(:inviterId AS TEXT) IS NULL OR inviter_id = :inviterId)
              AND (CAST(:status AS TEXT) IS NULL
                   OR (:status = 'Pending' AND status = 'Pending' AND expires_at > :now)
                   OR (:status = 'Expired' AND (status = 'Expired' OR (status = 'Pending' AND expires_at <= :now)))
                   OR (:status NOT IN ('Pending', 'Expired') AND status = :status))""";

    @Query("SELECT * FROM invitation " + FILTER + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
    List<InvitationRow> list(@Nullable String organizationId, @Nullable String invitee, @Nullable String inviterId,
                             @Nullable String status, Instant now, int limit, long offset);

    default long count(Filter filter) {
        return count(filter.organizationId(), filter.invitee(), filter.inviterId(), statusName(filter), filter.now());
    }

    @Query("SELECT count(*) FROM invitation " + FILTER)
    long count(@Nullable String organizationId, @Nullable String invitee, @Nullable String inviterId,
               @Nullable String status, Instant now);

    default Invitation changeStatus(UUID id, InvitationStatus status, String acceptedUserId, Instant now) {
        return changeStatusOf(id, status, acceptedUserId, now).toInvitation();
    }

    @Query("""
            UPDATE invitation SET status = :status, accepted_user_id = :acceptedUserId, updated_at = :now
            WHERE id = :id RETURNING *""")
    // UPDATE ... RETURNING one row: the row is there, the caller holds its lock.
    InvitationRow changeStatusOf(UUID id, InvitationStatus status, @Nullable String acceptedUserId,
                                Instant now);

    /** A new secret for a new message: the old link stops working, as only the latest hash is kept. */
    default Invitation renewSecret(UUID id, byte[] secretHash, Instant now) {
        return renewSecretOf(id, secretHash, now).toInvitation();
    }

    @Query("""
            UPDATE invitation SET secret_hash = :secretHash, message_sent_at = :now, updated_at = :now
            WHERE id = :id RETURNING *""")
    InvitationRow renewSecretOf(UUID id, byte[] secretHash, Instant now);

    @Query("DELETE FROM invitation WHERE id = :id")
    void delete(UUID id);

    /**
     * Writes Expired on up to {@code limit} invitations whose time has passed, and returns them. Rows another
     * sweeper holds are skipped, and the status condition is checked again under the row lock, so however
     * many instances sweep at once each invitation is expired (and its event written) exactly once.
     */
    default List<Invitation> expireDue(Instant now, int limit) {
        return expireDueRows(now, limit).stream().map(InvitationRow::toInvitation).toList();
    }

    @Query("""
            UPDATE invitation SET status = 'Expired', updated_at = :now
            WHERE id IN (SELECT id FROM invitation WHERE status = 'Pending' AND expires_at <= :now
                         ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED)
              AND status = 'Pending'
            RETURNING *""")
    List<InvitationRow> expireDueRows(Instant now, int limit);

    /** Expires the overdue pending invitation of one invitee, if any, so a new one may take its place. */
    default List<Invitation> expireDueOf(String organizationId, String invitee, Instant now) {
        return expireDueRowsOf(organizationId, invitee, now).stream().map(InvitationRow::toInvitation).toList();
    }

    @Query("""
            UPDATE invitation SET status = 'Expired', updated_at = :now
            WHERE organization_id = :organizationId AND lower(invitee) = lower(:invitee) AND status = 'Pending'
              AND expires_at <= :now
            RETURNING *""")
    List<InvitationRow> expireDueRowsOf(String organizationId, String invitee, Instant now);

    /** Revokes the organization's pending invitations; those already past their time are left to the sweep. */
    default List<Invitation> revokePendingOf(String organizationId, Instant now) {
        return revokePendingRowsOf(organizationId, now).stream().map(InvitationRow::toInvitation).toList();
    }

    /**
     * Locked in id order first, as a grantor's revocation locks the invitations it vouched for: in the scan's order
     * (newest first) the two deadlocked over two invitations of one organization vouched for by one grantor.
     */
    @Query("""
            UPDATE invitation SET status = 'Revoked', updated_at = :now
            WHERE id IN (SELECT id FROM invitation
                         WHERE organization_id = :organizationId AND status = 'Pending' AND expires_at > :now
                         ORDER BY id FOR UPDATE)
            RETURNING *""")
    List<InvitationRow> revokePendingRowsOf(String organizationId, Instant now);

    /**
     * Until the transaction ends, invitations of the organization to this address are this transaction's to create
     * or to end (an advisory lock keyed by both; 7314 names the kind). A creation that checked "not a member" before
     * the person's membership arrived and was then removed committed its invitation after the removal's handler had
     * looked for invitations to end, unseen: a Pending invitation the removal should have ended.
     */
    @Query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(7314, hashtext(:organizationId || ' ' || lower(:invitee)))) "
            + "AS held")
    int holdInvitationsTo(String organizationId, String invitee);

    /**
     * The invitee's pending invitation to the organization (one at most), locked against a concurrent accept; expired
     * or not (the expiry job may not have marked it yet): an accept holding it was made before it expired, and
     * skipping it without waiting let the caller decide before that accept had read what it decides.
     */
    default List<Invitation> pendingToForUpdate(String organizationId, String invitee) {
        return pendingRowsToForUpdate(organizationId, invitee).stream().map(InvitationRow::toInvitation).toList();
    }

    @Query("""
            SELECT * FROM invitation
            WHERE organization_id = :organizationId AND lower(invitee) = lower(:invitee) AND status = 'Pending'
            FOR UPDATE""")
    List<InvitationRow> pendingRowsToForUpdate(String organizationId, String invitee);

    /**
     * Whether this database takes the two addresses for one ({@code lower()}, which follows its collation), as the
     * one-Pending-invitation index and the member view's "already a member" do. Java's lower-casing differs for
     * some letters (under glibc {@code lower('İ')} is {@code i}, Java's is {@code i̇}; under the C collation
     * PostgreSQL lower-cases ASCII letters only), so {@link InvitationRules#sameEmail} alone let an address those
     * two checks held apart accept: a second Pending invitation of one invitee, or roles for a member whom "already
     * a member" did not recognise.
     */
    @Query("SELECT coalesce(lower(:a) = lower(:b), false)") // no address is the same as none
    boolean sameEmailHere(String a, String b);

    /**
     * Whether the two addresses are one mailbox in Java ({@link InvitationRules#sameEmail}) and in this database
     * ({@link #sameEmailHere}), each compared in its stored spelling ({@link EmailAddress#storedForm}), so an
     * invitation written to {@code ann@bücher.example} before that spelling was stored in ASCII is still accepted by
     * {@code ann@xn--bcher-kva.example}.
     */
    default boolean sameMailbox(@Nullable String a, @Nullable String b) {
        return InvitationRules.sameEmail(a, b) && sameEmailHere(EmailAddress.storedForm(a), EmailAddress.storedForm(b));
    }

    private static String statusName(Filter filter) {
        return filter.status() == null ? null : filter.status().name();
    }
}
