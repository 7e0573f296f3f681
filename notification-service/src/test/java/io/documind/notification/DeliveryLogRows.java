package io.documind.notification;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The delivery log table read with plain JDBC, for assertions the API does not (or not yet) show. */
final class DeliveryLogRows {

    record Row(UUID id, String usageType, String invitationId, String recipient, String status, int attempts, String subject, String link,
               boolean sealed, String lastError, Instant rateSlot, Instant nextAttemptAt, Instant sentAt) {
    }

    private final DataSource dataSource;

    DeliveryLogRows(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    List<Row> forEvent(UUID triggeringEventId) {
        return select("triggering_event_id = ?", triggeringEventId);
    }

    List<Row> forRecipient(String recipient) {
        return select("recipient = ?", recipient);
    }

    Row one(UUID triggeringEventId) {
        List<Row> rows = forEvent(triggeringEventId);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row for event " + triggeringEventId + ", got " + rows);
        }
        return rows.getFirst();
    }

    /** Whether the consumer has applied the event (its id is recorded in the same transaction as the effect). */
    boolean applied(UUID eventId) {
        return !query("SELECT 1 FROM processed_event WHERE event_id = ?", eventId).isEmpty();
    }

    UUID triggeringEventOf(UUID notificationId) {
        return UUID.fromString(query("SELECT triggering_event_id::text FROM notification WHERE id = ?", notificationId).getFirst());
    }

    String organizationOf(UUID notificationId) {
        return query("SELECT organization_id FROM notification WHERE id = ?", notificationId).getFirst();
    }

    /** Outbox payloads of one event type that mention the given text (e.g. a notification id). */
    List<String> outboxEvents(String type, String mentioning) {
        return query("SELECT payload FROM outbox_event WHERE event_type = ? AND strpos(payload, ?) > 0 ORDER BY id",
                type, mentioning);
    }

    /** Every stored text of the service that could hold a secret: the log rows and the outbox's event payloads. */
    String everythingStored() {
        return String.join("\n", query("""
                SELECT row_to_json(n)::text FROM notification n
                UNION ALL SELECT payload FROM outbox_event
                UNION ALL SELECT row_to_json(d)::text FROM organization_directory d""", new Object[0]));
    }

    private List<Row> select(String condition, Object parameter) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT id, usage_type, invitation_id, recipient, status, attempts, subject, link, sealed_body IS NOT NULL,
                            last_error, rate_slot, next_attempt_at, sent_at
                     FROM notification WHERE\s""" + condition + " ORDER BY created_at, rate_slot")) {
            s.setObject(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                List<Row> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getBoolean(9),
                            rs.getString(10), instant(rs, 11), instant(rs, 12), instant(rs, 13)));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> query(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
                return values;
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
