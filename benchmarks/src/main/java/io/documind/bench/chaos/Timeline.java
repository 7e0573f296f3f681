package io.documind.bench.chaos;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Where the time to converge went, from the services' own tables (every process shares this machine's clock):
 * for the slowest email, each hop from the fault's end (the producer's outbox row written and published, the event
 * consumed by notification-service, the email recorded and handed to SMTP, the sink storing it); and how each stage
 * drained its backlog (outbox rows published, events consumed, emails sent after the fault ended). Printed under
 * the scenario's line, so a slow figure comes with its explanation.
 */
final class Timeline {

    /** Opens a connection to a service's database. */
    @FunctionalInterface
    interface Databases {
        Connection open(String module) throws SQLException;
    }

    private final Databases databases;
    private final long faultEndedAt;
    private final String tag;

    /** @param tag what the scenario's addresses contain, so only its rows are read */
    Timeline(Databases databases, long faultEndedAt, String tag) {
        this.databases = databases;
        this.faultEndedAt = faultEndedAt;
        this.tag = "%-" + tag + "-%";
    }

    List<String> describe(Ledger.EmailKey slowest, SinkMailbox.Mail stored) {
        List<String> lines = new ArrayList<>();
        try {
            if (slowest != null) {
                lines.add(hops(slowest, stored));
            }
            for (String module : ChaosStack.MODULES) {
                lines.add(backlog(module));
            }
            lines.add(deliveries());
        } catch (SQLException e) {
            lines.add("timeline unavailable: " + e);
        }
        return lines;
    }

    private String hops(Ledger.EmailKey key, SinkMailbox.Mail stored) throws SQLException {
        UUID eventId;
        long recorded;
        long sent;
        int attempts;
        try (Connection c = databases.open("notification-service");
             PreparedStatement s = c.prepareStatement("""
                     SELECT triggering_event_id, created_at, sent_at, attempts FROM notification
                     WHERE CAST(id AS TEXT) = ? OR (CAST(? AS TEXT) IS NULL AND lower(recipient) = ? AND usage_type = ?)
                     ORDER BY created_at DESC LIMIT 1""")) {
            // The copy's X-DocuMind-Notification-Id names its row; without one, the address's latest of its kind.
            String id = stored == null ? null : stored.notificationId();
            s.setString(1, id);
            s.setString(2, id);
            s.setString(3, key.recipient());
            s.setString(4, usageType(key.kind()));
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return "slowest " + key + ": no delivery-log row";
                }
                eventId = r.getObject(1, UUID.class);
                recorded = millis(r.getTimestamp(2));
                sent = millis(r.getTimestamp(3));
                attempts = r.getInt(4);
            }
        }
        String producer = key.kind() == Ledger.Kind.WELCOME ? "org-service" : "invitation-service";
        long written = -1;
        long published = -1;
        try (Connection c = databases.open(producer);
             PreparedStatement s = c.prepareStatement("SELECT created_at, sent_at FROM outbox_event WHERE event_id = ?")) {
            s.setObject(1, eventId);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    written = millis(r.getTimestamp(1));
                    published = millis(r.getTimestamp(2));
                }
            }
        }
        long consumed = -1;
        try (Connection c = databases.open("notification-service");
             PreparedStatement s = c.prepareStatement("SELECT min(processed_at) FROM processed_event WHERE event_id = ?")) {
            s.setObject(1, eventId);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    consumed = millis(r.getTimestamp(1));
                }
            }
        }
        return String.format(Locale.ROOT, "timeline of the %s email to %s (s from the fault's end at %d ms): event written %s,"
                        + " published %s (%s outbox), consumed %s, email recorded %s, SMTP accepted %s after %d"
                        + " attempt(s), sink stored %s", key.kind(), key.recipient(), faultEndedAt, at(written), at(published), producer,
                at(consumed), at(recorded), at(sent), attempts, at(stored == null ? -1 : stored.storedAtMillis()));
    }

    /** The outbox: rows written before the fault's end and published after it, and the last of them. */
    private String backlog(String module) throws SQLException {
        try (Connection c = databases.open(module);
             PreparedStatement s = c.prepareStatement("""
                     SELECT count(*), max(sent_at), min(sent_at) FROM outbox_event
                     WHERE created_at <= ? AND (sent_at IS NULL OR sent_at > ?)""")) {
            s.setTimestamp(1, new Timestamp(faultEndedAt));
            s.setTimestamp(2, new Timestamp(faultEndedAt));
            int waiting;
            long first;
            long last;
            try (ResultSet r = s.executeQuery()) {
                r.next();
                waiting = r.getInt(1);
                last = millis(r.getTimestamp(2));
                first = millis(r.getTimestamp(3));
            }
            String consumed = "";
            try (PreparedStatement p = c.prepareStatement("""
                    SELECT count(*), max(processed_at) FROM processed_event WHERE processed_at > ?""")) {
                p.setTimestamp(1, new Timestamp(faultEndedAt));
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    consumed = String.format(Locale.ROOT, "; consumed after the fault %d event(s), the last %s",
                            r.getInt(1), at(millis(r.getTimestamp(2))));
                }
            }
            return String.format(Locale.ROOT, "%s: %d event(s) written before the fault's end and published after"
                    + " it, first %s, last %s%s", module, waiting, at(first), at(last), consumed);
        }
    }

    /** The delivery worker: the scenario's emails handed to SMTP after the fault's end, and how fast. */
    private String deliveries() throws SQLException {
        try (Connection c = databases.open("notification-service");
             PreparedStatement s = c.prepareStatement("""
                     SELECT count(*), min(sent_at), max(sent_at), avg(extract(epoch FROM sent_at - created_at)),
                            count(*) FILTER (WHERE created_at <= ?)
                     FROM notification WHERE recipient LIKE ? AND sent_at > ?""")) {
            s.setTimestamp(1, new Timestamp(faultEndedAt));
            s.setString(2, tag);
            s.setTimestamp(3, new Timestamp(faultEndedAt));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                int n = r.getInt(1);
                long first = millis(r.getTimestamp(2));
                long last = millis(r.getTimestamp(3));
                double rate = n > 1 && last > first ? (n - 1) * 1000.0 / (last - first) : 0;
                return String.format(Locale.ROOT, "emails sent after the fault's end: %d (%d recorded before it),"
                                + " first %s, last %s, %.1f/s, recorded-to-sent %.1f s on average", n, r.getInt(5),
                        at(first), at(last), rate, r.getDouble(4));
            }
        }
    }

    private String at(long millis) {
        return millis < 0 ? "-" : String.format(Locale.ROOT, "%+.1f", (millis - faultEndedAt) / 1000.0);
    }

    private static long millis(Timestamp t) {
        return t == null ? -1 : t.getTime();
    }

    private static String usageType(Ledger.Kind kind) {
        return switch (kind) {
            case INVITATION -> "OrganizationInvitation";
            case WELCOME -> "OrganizationWelcome";
            case ACCEPTED -> "InvitationAccepted";
            case OTHER -> "";
        };
    }
}
