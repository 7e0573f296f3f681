package io.documind.notification.delivery;

import io.documind.kit.jdbc.Sql;
import io.documind.notification.template.UsageType;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The delivery log in plain SQL on the caller's transaction. Times that several instances compare (due,
 * lease) are the database's {@code now()}, so instances' clocks need not agree.
 */
@Singleton
public class NotificationRepository {

    private static final String CLAIM_COLUMNS = """
            id, claim_token, triggering_event_id, usage_type, organization_id, recipient, sealed_body, attempts,
            extract(epoch FROM now() - created_at) AS age""";
    private static final String ENTRY_COLUMNS = """
            id, triggering_event_id, usage_type, organization_id, invitation_id, recipient, subject, link, status,
            attempts, next_attempt_at, last_error, created_at, sent_at""";

    private final Sql sql;

    public NotificationRepository(Sql sql) {
        this.sql = sql;
    }

    /** A new row; the request's event id and usage type make it unique. */
    public record NewNotification(UUID id, UUID triggeringEventId, UsageType usageType,
                                  @Nullable String organizationId, @Nullable String invitationId, String recipient,
                                  String subject, @Nullable String link, NotificationStatus status,
                                  @Nullable byte[] sealedBody, @Nullable String sealingKeyId,
                                  @Nullable Instant rateSlot, Instant nextAttemptAt, @Nullable String lastError) {
    }

    /** @return false when this event already has its row (a redelivery): nothing was written */
    public boolean insert(NewNotification n) {
        return sql.update("""
                INSERT INTO notification (id, triggering_event_id, usage_type, organization_id, invitation_id,
                    recipient, subject, link, status, sealed_body, sealing_key_id, rate_slot, next_attempt_at, last_error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (triggering_event_id, usage_type) DO NOTHING""",
                n.id(), n.triggeringEventId(), n.usageType().wireName(), n.organizationId(), n.invitationId(),
                n.recipient(), n.subject(), n.link(), n.status().wireName(), n.sealedBody(), n.sealingKeyId(),
                n.rateSlot(), n.nextAttemptAt(), n.lastError()) == 1;
    }

    /** The transaction's time on the database clock. */
    public Instant now() {
        return sql.one("SELECT now() AS now", rs -> Sql.instant(rs, "now")).orElseThrow();
    }

    /**
     * Claims the most overdue pending email this instance can open: one no live claim holds, skipping rows
     * another instance is claiming right now. Counts the attempt at claim time, so an email that crashes its
     * sender shows in its attempts.
     */
    public Optional<Claim> claimNext(String sealingKeyId, Duration lease) {
        return sql.one("""
                UPDATE notification SET claim_token = ?, claim_expires_at = now() + make_interval(secs => ?),
                       attempts = attempts + 1, updated_at = now()
                WHERE id = (SELECT id FROM notification
                            WHERE status = 'Pending' AND next_attempt_at <= now()
                              AND (claim_expires_at IS NULL OR claim_expires_at <= now())
                              AND sealing_key_id = ?
                            ORDER BY next_attempt_at
                            LIMIT 1
                            FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + CLAIM_COLUMNS,
                NotificationRepository::claim, UUID.randomUUID(), seconds(lease), sealingKeyId);
    }

    /**
     * The sender's heartbeat: the claim runs for another {@code lease}, even if it had run out, as long as
     * nobody took the email over meanwhile.
     *
     * @return false when the claim is no longer this worker's (settled, or taken over)
     */
    public boolean renew(Claim claim, Duration lease) {
        return sql.update("""
                UPDATE notification SET claim_expires_at = now() + make_interval(secs => ?)
                WHERE id = ? AND claim_token = ? AND status = 'Pending'""",
                seconds(lease), claim.id(), claim.token()) == 1;
    }

    /** @return false when the claim is no longer this worker's (its lease ran out and another took over) */
    public boolean markSent(Claim claim) {
        return sql.update("""
                UPDATE notification SET status = 'Sent', sent_at = now(), sealed_body = NULL, claim_token = NULL,
                       claim_expires_at = NULL, last_error = NULL, updated_at = now()
                WHERE id = ? AND claim_token = ? AND status = 'Pending'""", claim.id(), claim.token()) == 1;
    }

    public boolean markFailed(Claim claim, String reason) {
        return sql.update("""
                UPDATE notification SET status = 'Failed', sealed_body = NULL, claim_token = NULL,
                       claim_expires_at = NULL, last_error = ?, updated_at = now()
                WHERE id = ? AND claim_token = ? AND status = 'Pending'""", reason, claim.id(), claim.token()) == 1;
    }

    /** @param awaitingServer the server itself was away: {@link #releaseAwaitingServer()} may send it sooner */
    public boolean retryLater(Claim claim, Duration delay, String error, boolean awaitingServer) {
        return sql.update("""
                UPDATE notification SET next_attempt_at = now() + make_interval(secs => ?), claim_token = NULL,
                       claim_expires_at = NULL, last_error = ?, awaiting_server = ?, updated_at = now()
                WHERE id = ? AND claim_token = ? AND status = 'Pending'""",
                seconds(delay), error, awaitingServer, claim.id(), claim.token()) == 1;
    }

    /**
     * The server took an email again: mail backing off because it was away is due now. Mail deferred for one
     * recipient (greylisting, a full mailbox) keeps its own backoff.
     *
     * @return how many emails were released
     */
    public int releaseAwaitingServer() {
        return sql.update("""
                UPDATE notification SET next_attempt_at = now(), awaiting_server = false, updated_at = now()
                WHERE status = 'Pending' AND awaiting_server AND next_attempt_at > now()""");
    }

    /** A settled row's identity, for the event that reports it. */
    public record Settled(UUID id, UUID triggeringEventId, String usageType, @Nullable String organizationId,
                          String recipient) {
    }

    /**
     * Gives up pending mail sealed under a key this instance lacks and overdue by {@code grace}: whoever sealed
     * it would have sent it by now, so that process (and its key) is gone.
     */
    public List<Settled> failOrphans(String sealingKeyId, Duration grace, String reason, int limit) {
        return sql.list("""
                UPDATE notification SET status = 'Failed', sealed_body = NULL, claim_token = NULL,
                       claim_expires_at = NULL, last_error = ?, updated_at = now()
                WHERE id IN (SELECT id FROM notification
                             WHERE status = 'Pending' AND sealing_key_id IS DISTINCT FROM ?
                               AND next_attempt_at < now() - make_interval(secs => ?)
                               AND (claim_expires_at IS NULL OR claim_expires_at <= now())
                             LIMIT ?
                             FOR UPDATE SKIP LOCKED)
                RETURNING id, triggering_event_id, usage_type, organization_id, recipient""",
                rs -> new Settled(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5)),
                reason, sealingKeyId, seconds(grace), limit);
    }

    /**
     * Cancels pending, unclaimed mail about an invitation, except the mail {@code keptEventId} asked for (null:
     * none kept); an email already being sent finishes normally.
     */
    public int cancelForInvitation(String invitationId, @Nullable UUID keptEventId, String reason) {
        return sql.update("""
                UPDATE notification SET status = 'Cancelled', sealed_body = NULL, last_error = ?, updated_at = now()
                WHERE invitation_id = ? AND triggering_event_id IS DISTINCT FROM ? AND status = 'Pending'
                  AND (claim_expires_at IS NULL OR claim_expires_at <= now())""", reason, invitationId, keptEventId);
    }

    public int cancelForOrganization(String organizationId, String reason) {
        return sql.update("""
                UPDATE notification SET status = 'Cancelled', sealed_body = NULL, last_error = ?, updated_at = now()
                WHERE organization_id = ? AND status = 'Pending'
                  AND (claim_expires_at IS NULL OR claim_expires_at <= now())""", reason, organizationId);
    }

    /** Rate-limit slots already given to invitation mail of an organization, after {@code since}, ascending. */
    public List<Instant> slotsOfOrganization(String organizationId, Instant since) {
        return sql.list("""
                SELECT rate_slot FROM notification
                WHERE organization_id = ? AND rate_slot > ? AND status <> 'Cancelled'
                ORDER BY rate_slot""", rs -> Sql.instant(rs, "rate_slot"), organizationId, since);
    }

    /** The same for a recipient, across organizations; addresses compare case-insensitively. */
    public List<Instant> slotsOfRecipient(String recipient, Instant since) {
        return sql.list("""
                SELECT rate_slot FROM notification
                WHERE lower(recipient) = lower(?) AND rate_slot > ? AND status <> 'Cancelled'
                ORDER BY rate_slot""", rs -> Sql.instant(rs, "rate_slot"), recipient, since);
    }

    /**
     * Serializes slot-taking per organization and per recipient until the transaction ends, so two instances
     * recording mail for the same recipient cannot both take the last free slot. Organization first, then
     * recipient, in every caller: the fixed order rules out deadlocks.
     */
    public void lockRateWindows(@Nullable String organizationId, String recipient) {
        if (organizationId != null) {
            sql.one("SELECT pg_advisory_xact_lock(7401, hashtext(?))", rs -> true, organizationId);
        }
        sql.one("SELECT pg_advisory_xact_lock(7402, hashtext(lower(?)))", rs -> true, recipient);
    }

    /** Filters of the log; null means any. */
    public record LogFilter(@Nullable String organizationId, @Nullable NotificationStatus status) {
    }

    /** Newest first. */
    public List<NotificationEntry> list(LogFilter filter, long offset, int limit) {
        Where where = where(filter);
        List<Object> parameters = new ArrayList<>(where.parameters());
        parameters.add(limit);
        parameters.add(offset);
        return sql.list("SELECT " + ENTRY_COLUMNS + " FROM notification" + where.sql()
                        + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                NotificationRepository::entry, parameters.toArray());
    }

    public long count(LogFilter filter) {
        Where where = where(filter);
        return sql.one("SELECT count(*) FROM notification" + where.sql(), rs -> rs.getLong(1),
                where.parameters().toArray()).orElse(0L);
    }

    private record Where(String sql, List<Object> parameters) {
    }

    private static Where where(LogFilter filter) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (filter.organizationId() != null) {
            conditions.add("organization_id = ?");
            parameters.add(filter.organizationId());
        }
        if (filter.status() != null) {
            conditions.add("status = ?");
            parameters.add(filter.status().wireName());
        }
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), parameters);
    }

    private static Claim claim(ResultSet rs) throws SQLException {
        return new Claim(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                UsageType.byWireName(rs.getString(4)).orElseThrow(), rs.getString(5), rs.getString(6),
                rs.getBytes(7), rs.getInt(8), Duration.ofMillis(Math.round(rs.getDouble(9) * 1000)));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static NotificationEntry entry(ResultSet rs) throws SQLException {
        String status = rs.getString(9);
        return new NotificationEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), status, rs.getInt(10),
                NotificationStatus.PENDING.wireName().equals(status) ? Sql.instant(rs, "next_attempt_at") : null,
                rs.getString(12), Sql.instant(rs, "created_at"), Sql.instant(rs, "sent_at"));
    }
}
