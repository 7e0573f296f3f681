package io.documind.notification.delivery;

import io.documind.notification.template.UsageType;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The delivery log, on the caller's transaction. Times that several instances compare (due, lease) are the
 * database's {@code now()}, so instances' clocks need not agree. Durations go to SQL as seconds
 * ({@code make_interval}); usage types and statuses as their wire names, which is what the table stores.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface NotificationRepository extends GenericRepository<NotificationEntry, UUID> {

    /** A new row; the request's event id and usage type make it unique. */
    record NewNotification(UUID id, UUID triggeringEventId, UsageType usageType,
                           @Nullable String organizationId, @Nullable String invitationId, String recipient,
                           String subject, @Nullable String link, NotificationStatus status,
                           @Nullable byte[] sealedBody, @Nullable String sealingKeyId,
                           @Nullable Instant rateSlot, Instant nextAttemptAt, @Nullable String lastError) {
    }

    /** @return false when this event already has its row (a redelivery): nothing was written */
    default boolean insert(NewNotification n) {
        return insert(n.id(), n.triggeringEventId(), n.usageType().wireName(), n.organizationId(), n.invitationId(),
                n.recipient(), n.subject(), n.link(), n.status().wireName(), n.sealedBody(), n.sealingKeyId(),
                n.rateSlot(), n.nextAttemptAt(), n.lastError()) == 1;
    }

    @Query("""
            INSERT INTO notification (id, triggering_event_id, usage_type, organization_id, invitation_id,
                recipient, subject, link, status, sealed_body, sealing_key_id, rate_slot, next_attempt_at, last_error)
            VALUES (:id, :triggeringEventId, :usageType, :organizationId, :invitationId, :recipient, :subject, :link,
                    :status, :sealedBody, :sealingKeyId, :rateSlot, :nextAttemptAt, :lastError)
            ON CONFLICT (triggering_event_id, usage_type) DO NOTHING""")
    int insert(UUID id, UUID triggeringEventId, String usageType, @Nullable String organizationId,
               @Nullable String invitationId, String recipient, String subject, @Nullable String link, String status,
               @Nullable byte[] sealedBody, @Nullable String sealingKeyId, @Nullable Instant rateSlot,
               Instant nextAttemptAt, @Nullable String lastError);

    /** The transaction's time on the database clock. */
    @Query("SELECT now()")
    Instant now();

    /**
     * Claims the most overdue pending email this instance can open: one no live claim holds, skipping rows
     * another instance is claiming right now. Counts the attempt at claim time, so an email that crashes its
     * sender shows in its attempts.
     */
    default Optional<Claim> claimNext(String sealingKeyId, Duration lease) {
        Optional<Claim> next = lockNextDue(UUID.randomUUID(), sealingKeyId);
        next.ifPresent(c -> claim(c.id(), c.token(), seconds(lease)));
        return next;
    }

    /**
     * The row {@link #claimNext} takes, locked until the transaction ends, as it reads once claimed (the attempt
     * counted). Read first and claimed by id after: micronaut-data maps UPDATE ... RETURNING to the entity only.
     */
    @Query("""
            SELECT id, CAST(:token AS UUID) AS token, triggering_event_id, usage_type AS usage_type_name,
                   organization_id, recipient, sealed_body, attempts + 1 AS attempts,
                   extract(epoch FROM now() - created_at) AS age_seconds, withdrawn
            FROM notification
            WHERE status = 'Pending' AND next_attempt_at <= now()
              AND (claim_expires_at IS NULL OR claim_expires_at <= now())
              AND sealing_key_id = :sealingKeyId
            ORDER BY next_attempt_at
            LIMIT 1
            FOR UPDATE SKIP LOCKED""")
    Optional<Claim> lockNextDue(UUID token, String sealingKeyId);

    @Query("""
            UPDATE notification SET claim_token = :token, claim_expires_at = now() + make_interval(secs => :leaseSeconds),
                   attempts = attempts + 1, updated_at = now()
            WHERE id = :id""")
    int claim(UUID id, UUID token, double leaseSeconds);

    /**
     * The sender's heartbeat: the claim runs for another {@code lease}, even if it had run out, as long as
     * nobody took the email over meanwhile.
     *
     * @return false when the claim is no longer this worker's (settled, or taken over)
     */
    default boolean renew(Claim claim, Duration lease) {
        return renew(claim.id(), claim.token(), seconds(lease)) == 1;
    }

    @Query("""
            UPDATE notification SET claim_expires_at = now() + make_interval(secs => :leaseSeconds)
            WHERE id = :id AND claim_token = :token AND status = 'Pending'""")
    int renew(UUID id, UUID token, double leaseSeconds);

    /** @return false when the claim is no longer this worker's (its lease ran out and another took over) */
    default boolean markSent(Claim claim) {
        return markSent(claim.id(), claim.token()) == 1;
    }

    @Query("""
            UPDATE notification SET status = 'Sent', sent_at = now(), sealed_body = NULL, claim_token = NULL,
                   claim_expires_at = NULL, last_error = NULL, updated_at = now()
            WHERE id = :id AND claim_token = :token AND status = 'Pending'""")
    int markSent(UUID id, UUID token);

    default boolean markFailed(Claim claim, String reason) {
        return markFailed(claim.id(), claim.token(), reason) == 1;
    }

    @Query("""
            UPDATE notification SET status = 'Failed', sealed_body = NULL, claim_token = NULL,
                   claim_expires_at = NULL, last_error = :reason, updated_at = now()
            WHERE id = :id AND claim_token = :token AND status = 'Pending'""")
    int markFailed(UUID id, UUID token, String reason);

    /** @param awaitingServer the server itself was away: {@link #releaseAwaitingServer()} may send it sooner */
    default boolean retryLater(Claim claim, Duration delay, String error, boolean awaitingServer) {
        return retryLater(claim.id(), claim.token(), seconds(delay), error, awaitingServer) == 1;
    }

    /** A withdrawn email ({@link #cancelForInvitation}) is cancelled here instead of waiting for another attempt. */
    @Query("""
            UPDATE notification SET next_attempt_at = now() + make_interval(secs => :delaySeconds), claim_token = NULL,
                   claim_expires_at = NULL, awaiting_server = :awaitingServer, updated_at = now(),
                   status = CASE WHEN withdrawn IS NULL THEN status ELSE 'Cancelled' END,
                   sealed_body = CASE WHEN withdrawn IS NULL THEN sealed_body END,
                   last_error = CASE WHEN withdrawn IS NULL THEN :error ELSE withdrawn || '; last attempt: ' || :error END
            WHERE id = :id AND claim_token = :token AND status = 'Pending'""")
    int retryLater(UUID id, UUID token, double delaySeconds, String error, boolean awaitingServer);

    /**
     * The server took an email again: mail backing off because it was away is due now. Mail deferred for one
     * recipient (greylisting, a full mailbox) keeps its own backoff.
     *
     * @return how many emails were released
     */
    @Query("""
            UPDATE notification SET next_attempt_at = now(), awaiting_server = false, updated_at = now()
            WHERE status = 'Pending' AND awaiting_server AND next_attempt_at > now()""")
    int releaseAwaitingServer();

    /** A settled row's identity, for the event that reports it. */
    @Introspected
    record Settled(UUID id, UUID triggeringEventId, String usageType, @Nullable String organizationId,
                   String recipient) {
    }

    /**
     * Gives up pending mail sealed under a key this instance lacks and overdue by {@code grace}: whoever sealed
     * it would have sent it by now, so that process (and its key) is gone.
     */
    default List<Settled> failOrphans(String sealingKeyId, Duration grace, String reason, int limit) {
        List<Settled> orphans = lockOrphans(sealingKeyId, seconds(grace), limit);
        if (!orphans.isEmpty()) {
            fail(orphans.stream().map(Settled::id).toList(), reason);
        }
        return orphans;
    }

    /** Locked until the transaction ends; read first and failed by id after, as in {@link #claimNext}. */
    @Query("""
            SELECT id, triggering_event_id, usage_type, organization_id, recipient FROM notification
            WHERE status = 'Pending' AND sealing_key_id IS DISTINCT FROM :sealingKeyId
              AND next_attempt_at < now() - make_interval(secs => :graceSeconds)
              AND (claim_expires_at IS NULL OR claim_expires_at <= now())
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""")
    List<Settled> lockOrphans(String sealingKeyId, double graceSeconds, int limit);

    @Query("""
            UPDATE notification SET status = 'Failed', sealed_body = NULL, claim_token = NULL,
                   claim_expires_at = NULL, last_error = :reason, updated_at = now()
            WHERE id IN (:ids)""")
    int fail(List<UUID> ids, String reason);

    /**
     * Cancels pending mail about an invitation, except the mail {@code keptEventId} asked for (null: none kept). An
     * email being sent right now is marked withdrawn instead: its worker records a send that got through, and
     * cancels it rather than retrying one that did not ({@link #retryLater}, {@link #cancelWithdrawn}).
     */
    @Query("UPDATE notification SET " + WITHDRAW + """
            WHERE invitation_id = :invitationId AND triggering_event_id IS DISTINCT FROM CAST(:keptEventId AS UUID)
              AND status = 'Pending'""")
    int cancelForInvitation(String invitationId, @Nullable UUID keptEventId, String reason);

    /** As {@link #cancelForInvitation}, for all of an organization's pending mail. */
    @Query("UPDATE notification SET " + WITHDRAW + """
            WHERE organization_id = :organizationId AND status = 'Pending'""")
    int cancelForOrganization(String organizationId, String reason);

    /** The SET list of a cancellation: unclaimed mail is cancelled, mail being sent (a live claim) withdrawn. */
    String WITHDRAW = """
            status = CASE WHEN claim_expires_at > now() THEN status ELSE 'Cancelled' END,
            sealed_body = CASE WHEN claim_expires_at > now() THEN sealed_body END,
            last_error = CASE WHEN claim_expires_at > now() THEN last_error ELSE :reason END,
            withdrawn = CASE WHEN claim_expires_at > now() THEN :reason END,
            updated_at = now()
            """;

    /**
     * A withdrawn email its claimer is to settle without sending (claimed again after its first worker died).
     *
     * @return false when the claim is no longer this worker's
     */
    default boolean cancelWithdrawn(Claim claim) {
        return cancelWithdrawn(claim.id(), claim.token()) == 1;
    }

    @Query("""
            UPDATE notification SET status = 'Cancelled', sealed_body = NULL, claim_token = NULL,
                   claim_expires_at = NULL, last_error = withdrawn, updated_at = now()
            WHERE id = :id AND claim_token = :token AND status = 'Pending'""")
    int cancelWithdrawn(UUID id, UUID token);

    /** Rate-limit slots already given to invitation mail of an organization, after {@code since}, ascending. */
    @Query("""
            SELECT rate_slot FROM notification
            WHERE organization_id = :organizationId AND rate_slot > :since AND status <> 'Cancelled'
            ORDER BY rate_slot""")
    List<Instant> slotsOfOrganization(String organizationId, Instant since);

    /** The same for a recipient, across organizations; addresses compare case-insensitively. */
    @Query("""
            SELECT rate_slot FROM notification
            WHERE lower(recipient) = lower(:recipient) AND rate_slot > :since AND status <> 'Cancelled'
            ORDER BY rate_slot""")
    List<Instant> slotsOfRecipient(String recipient, Instant since);

    /**
     * Serializes slot-taking per organization and per recipient until the transaction ends, so two instances
     * recording mail for the same recipient cannot both take the last free slot. Organization first, then
     * recipient, in every caller: the fixed order rules out deadlocks.
     */
    default void lockRateWindows(@Nullable String organizationId, String recipient) {
        if (organizationId != null) {
            lockOrganizationWindow(organizationId);
        }
        lockRecipientWindow(recipient);
    }

    /**
     * Holds an invitation's notes to its inviter (accepted, not granted) until the transaction ends: their events
     * come on two topics, so in either order, and each note's consumer decides from what the other recorded.
     */
    @Query("SELECT 1 FROM pg_advisory_xact_lock(7403, hashtext(:invitationId))")
    int lockInvitationNotes(String invitationId);

    @Query("INSERT INTO invitation_grant_refused (invitation_id) VALUES (:invitationId) ON CONFLICT DO NOTHING")
    int recordGrantRefused(String invitationId);

    @Query("SELECT EXISTS (SELECT 1 FROM invitation_grant_refused WHERE invitation_id = :invitationId)")
    boolean grantRefused(String invitationId);

    /**
     * Deletes up to {@code limit} final emails that became final, and whose rate slot passed, more than
     * {@code retentionSeconds} ago, passing over rows another instance's pruning holds. Oldest first (the log's index).
     */
    @Query("""
            DELETE FROM notification WHERE id IN (
                SELECT id FROM notification
                WHERE created_at < now() - make_interval(secs => :retentionSeconds)
                  AND status <> 'Pending' AND updated_at < now() - make_interval(secs => :retentionSeconds)
                  AND (rate_slot IS NULL OR rate_slot < now() - make_interval(secs => :retentionSeconds))
                ORDER BY created_at LIMIT :limit
                FOR UPDATE SKIP LOCKED)""")
    int pruneFinal(double retentionSeconds, int limit);

    /** Deletes up to {@code limit} marks of refused grants recorded more than {@code retentionSeconds} ago. */
    @Query("""
            DELETE FROM invitation_grant_refused WHERE invitation_id IN (
                SELECT invitation_id FROM invitation_grant_refused
                WHERE refused_at < now() - make_interval(secs => :retentionSeconds)
                LIMIT :limit FOR UPDATE SKIP LOCKED)""")
    int pruneGrantRefusals(double retentionSeconds, int limit);

    /** The lock function returns void, which a row of a repository cannot carry: the query answers 1 instead. */
    @Query("SELECT 1 FROM pg_advisory_xact_lock(7401, hashtext(:organizationId))")
    int lockOrganizationWindow(String organizationId);

    @Query("SELECT 1 FROM pg_advisory_xact_lock(7402, hashtext(lower(:recipient)))")
    int lockRecipientWindow(String recipient);

    /** Filters of the log; null means any. */
    record LogFilter(@Nullable String organizationId, @Nullable NotificationStatus status) {
    }

    /** Newest first. */
    default List<NotificationEntry> list(LogFilter filter, long offset, int limit) {
        return list(filter.organizationId(), statusName(filter), limit, offset);
    }

    /** The next attempt shows only while one is due: a settled row's is history. */
    @Query("""
            SELECT id, triggering_event_id, usage_type, organization_id, invitation_id, recipient, subject, link, status,
                   attempts, CASE WHEN status = 'Pending' THEN next_attempt_at END AS next_attempt_at, last_error,
                   created_at, sent_at
            FROM notification
            WHERE (CAST(:organizationId AS TEXT) IS NULL OR organization_id = :organizationId)
              AND (CAST(:status AS TEXT) IS NULL OR status = :status)
            ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset""")
    List<NotificationEntry> list(@Nullable String organizationId, @Nullable String status, int limit, long offset);

    default long count(LogFilter filter) {
        return count(filter.organizationId(), statusName(filter));
    }

    @Query("""
            SELECT count(*) FROM notification
            WHERE (CAST(:organizationId AS TEXT) IS NULL OR organization_id = :organizationId)
              AND (CAST(:status AS TEXT) IS NULL OR status = :status)""")
    long count(@Nullable String organizationId, @Nullable String status);

    private static String statusName(LogFilter filter) {
        return filter.status() == null ? null : filter.status().wireName();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
