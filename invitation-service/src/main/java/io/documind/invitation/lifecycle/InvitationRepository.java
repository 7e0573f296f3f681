package io.documind.invitation.lifecycle;

import io.documind.kit.jdbc.Sql;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Invitations, in plain SQL on the caller's transaction. */
@Singleton
public class InvitationRepository {

    private static final String COLUMNS = """
            id, organization_id, invitee, inviter_id, inviter_email, role_ids, role_names, status, secret_hash,
            expires_at, accepted_user_id, message_sent_at, created_at, updated_at""";

    /** Filters of a list; null means any. {@code status} is matched against what the status is at {@code now}. */
    public record Filter(String organizationId, String invitee, String inviterId, InvitationStatus status, Instant now) {
    }

    private final Sql sql;

    public InvitationRepository(Sql sql) {
        this.sql = sql;
    }

    /**
     * Inserts a Pending invitation, or nothing when the organization already has one pending for this
     * invitee: the partial unique index decides, so two concurrent creations cannot both win.
     */
    public Optional<Invitation> insertPending(UUID id, String organizationId, String invitee, String inviterId,
                                              String inviterEmail, List<InvitationRole> roles, byte[] secretHash,
                                              Instant expiresAt, Instant messageSentAt, Instant now) {
        return sql.one("""
                INSERT INTO invitation (id, organization_id, invitee, inviter_id, inviter_email, role_ids, role_names,
                                        status, secret_hash, expires_at, message_sent_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'Pending', ?, ?, ?, ?, ?)
                ON CONFLICT (organization_id, lower(invitee)) WHERE status = 'Pending' DO NOTHING
                RETURNING\s""" + COLUMNS, InvitationRepository::map,
                id, organizationId, invitee, inviterId, inviterEmail,
                roles.stream().map(InvitationRole::id).toArray(String[]::new),
                roles.stream().map(InvitationRole::name).toArray(String[]::new),
                secretHash, expiresAt, messageSentAt, now, now);
    }

    public Optional<Invitation> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM invitation WHERE id = ?", InvitationRepository::map, id);
    }

    /** Locks the row until the transaction ends: concurrent changes of one invitation take turns. */
    public Optional<Invitation> findForUpdate(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM invitation WHERE id = ? FOR UPDATE", InvitationRepository::map, id);
    }

    public List<Invitation> list(Filter filter, long offset, int limit) {
        List<Object> parameters = new ArrayList<>();
        String where = where(filter, parameters);
        parameters.add(limit);
        parameters.add(offset);
        return sql.list("SELECT " + COLUMNS + " FROM invitation" + where + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
                InvitationRepository::map, parameters.toArray());
    }

    public long count(Filter filter) {
        List<Object> parameters = new ArrayList<>();
        String where = where(filter, parameters);
        return sql.one("SELECT count(*) FROM invitation" + where, rs -> rs.getLong(1), parameters.toArray()).orElseThrow();
    }

    private static String where(Filter filter, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (filter.organizationId() != null) {
            conditions.add("organization_id = ?");
            parameters.add(filter.organizationId());
        }
        if (filter.invitee() != null) {
            conditions.add("lower(invitee) = lower(?)");
            parameters.add(filter.invitee());
        }
        if (filter.inviterId() != null) {
            conditions.add("inviter_id = ?");
            parameters.add(filter.inviterId());
        }
        if (filter.status() != null) {
            switch (filter.status()) {
                case Pending -> {
                    conditions.add("status = 'Pending' AND expires_at > ?");
                    parameters.add(filter.now());
                }
                case Expired -> {
                    conditions.add("(status = 'Expired' OR (status = 'Pending' AND expires_at <= ?))");
                    parameters.add(filter.now());
                }
                default -> {
                    conditions.add("status = ?");
                    parameters.add(filter.status().name());
                }
            }
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    public Invitation changeStatus(UUID id, InvitationStatus status, String acceptedUserId, Instant now) {
        return sql.one("UPDATE invitation SET status = ?, accepted_user_id = ?, updated_at = ? WHERE id = ? RETURNING "
                + COLUMNS, InvitationRepository::map, status.name(), acceptedUserId, now, id).orElseThrow();
    }

    /** A new secret for a new message: the old link stops working, as only the latest hash is kept. */
    public Invitation renewSecret(UUID id, byte[] secretHash, Instant now) {
        return sql.one("UPDATE invitation SET secret_hash = ?, message_sent_at = ?, updated_at = ? WHERE id = ? RETURNING "
                + COLUMNS, InvitationRepository::map, secretHash, now, now, id).orElseThrow();
    }

    public void delete(UUID id) {
        sql.update("DELETE FROM invitation WHERE id = ?", id);
    }

    /**
     * Writes Expired on up to {@code limit} invitations whose time has passed, and returns them. Rows another
     * sweeper holds are skipped, and the status condition is checked again under the row lock, so however
     * many instances sweep at once each invitation is expired (and its event written) exactly once.
     */
    public List<Invitation> expireDue(Instant now, int limit) {
        return sql.list("""
                UPDATE invitation SET status = 'Expired', updated_at = ?
                WHERE id IN (SELECT id FROM invitation WHERE status = 'Pending' AND expires_at <= ?
                             ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)
                  AND status = 'Pending'
                RETURNING\s""" + COLUMNS, InvitationRepository::map, now, now, limit);
    }

    /** Expires the overdue pending invitation of one invitee, if any, so a new one may take its place. */
    public List<Invitation> expireDueOf(String organizationId, String invitee, Instant now) {
        return sql.list("""
                UPDATE invitation SET status = 'Expired', updated_at = ?
                WHERE organization_id = ? AND lower(invitee) = lower(?) AND status = 'Pending' AND expires_at <= ?
                RETURNING\s""" + COLUMNS, InvitationRepository::map, now, organizationId, invitee, now);
    }

    /** Revokes the organization's pending invitations; those already past their time are left to the sweep. */
    public List<Invitation> revokePendingOf(String organizationId, Instant now) {
        return sql.list("""
                UPDATE invitation SET status = 'Revoked', updated_at = ?
                WHERE organization_id = ? AND status = 'Pending' AND expires_at > ?
                RETURNING\s""" + COLUMNS, InvitationRepository::map, now, organizationId, now);
    }

    private static Invitation map(ResultSet rs) throws SQLException {
        List<String> ids = Sql.strings(rs, "role_ids");
        List<String> names = Sql.strings(rs, "role_names");
        List<InvitationRole> roles = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            roles.add(new InvitationRole(i < ids.size() ? ids.get(i) : null, names.get(i)));
        }
        return new Invitation(rs.getObject("id", UUID.class), rs.getString("organization_id"), rs.getString("invitee"),
                rs.getString("inviter_id"), rs.getString("inviter_email"), List.copyOf(roles),
                InvitationStatus.valueOf(rs.getString("status")), rs.getBytes("secret_hash"),
                Sql.instant(rs, "expires_at"), rs.getString("accepted_user_id"), Sql.instant(rs, "message_sent_at"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
