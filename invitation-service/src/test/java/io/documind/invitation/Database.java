package io.documind.invitation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.kit.crypto.SealedBox;
import io.documind.localstack.LinkKeys;
import io.documind.contracts.schema.EventSchemaValidator;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.security.GeneralSecurityException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Looks at the service's own database the way a test must: its read models, its invitations, its outbox. */
public final class Database {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONSUMED_WITHIN = Duration.ofSeconds(30);

    private final DataSource raw;

    public Database(DataSource dataSource) {
        this.raw = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** The envelopes the service wrote for one invitation, oldest first. */
    public List<JsonNode> eventsOf(String invitationId) {
        return envelopes("SELECT payload FROM outbox_event WHERE payload::jsonb -> 'data' ->> 'invitationId' = ? ORDER BY id",
                invitationId);
    }

    public List<String> eventTypesOf(String invitationId) {
        return eventsOf(invitationId).stream().map(e -> e.path("type").asText()).toList();
    }

    /** The data of the only event of this type for the invitation. */
    public JsonNode onlyEvent(String invitationId, String type) {
        List<JsonNode> matching = eventsOf(invitationId).stream().filter(e -> type.equals(e.path("type").asText())).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + type + " for " + invitationId + ", got " + matching.size());
        }
        return matching.get(0).path("data");
    }

    /** Schema problems of every event the service has written (each row checked with its topic). */
    public List<String> outboxProblems() {
        EventSchemaValidator schemas = new EventSchemaValidator();
        List<String> problems = new ArrayList<>();
        query("SELECT topic, payload, event_type FROM outbox_event ORDER BY id", rs -> {
            for (String p : schemas.validate(rs.getString(1), rs.getString(2))) {
                problems.add(rs.getString(3) + ": " + p);
            }
            return null;
        });
        return problems;
    }

    /** Changes whenever an invitation or the outbox changes. */
    public String fingerprint() {
        return query("""
                SELECT (SELECT count(*) FROM outbox_event) || '/' || coalesce(md5(string_agg(
                       id || status || encode(secret_hash, 'hex') || updated_at || coalesce(message_sent_at::text, ''),
                       ',' ORDER BY id)), '')
                FROM invitation""", rs -> rs.getString(1)).get(0);
    }

    public long outboxCount() {
        return count("SELECT count(*) FROM outbox_event");
    }

    public long count(String sql, Object... parameters) {
        return query(sql, rs -> rs.getLong(1), parameters).get(0);
    }

    /**
     * How many statements of this database wait on a lock: a test holding a transaction open ({@link #open}) watches
     * it to know the service's statement waits behind it.
     */
    public long lockWaits() {
        return count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND datname = current_database()");
    }

    /** {@link #lockWaits} on advisory locks only. */
    public long advisoryLockWaits() {
        return count("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'advisory' "
                + "AND datname = current_database()");
    }

    /** A connection of its own, for a test that holds a transaction open against the service's. */
    public Connection open() throws SQLException {
        return raw.getConnection();
    }

    public void update(String sql, Object... parameters) {
        try (Connection c = raw.getConnection(); PreparedStatement s = prepare(c, sql, parameters)) {
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The secret in the latest emailed link of the invitation (what the invitee would click). */
    public String latestLinkToken(String invitationId) {
        String link = latestLink(invitationId);
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    /** The latest link of the invitation, opened as notification-service does with this run's private key. */
    public String latestLink(String invitationId) {
        List<JsonNode> messages = eventsOf(invitationId).stream()
                .filter(e -> "InvitationMessageRequested".equals(e.path("type").asText())).toList();
        if (messages.isEmpty()) {
            throw new AssertionError("no message was requested for " + invitationId);
        }
        String sealed = messages.get(messages.size() - 1).path("data").path("sealedLink").asText();
        try {
            return SealedBox.open(SealedBox.privateKey(LinkKeys.forThisRun().privateKey(), "test key"), sealed,
                    invitationId);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("the sealed link does not open: " + sealed, e);
        }
    }

    /** Waits until the service's consumer has taken in the organization and its first member. */
    public OrgEvents.Org awaitKnown(OrgEvents.Org org) {
        awaitOrganization(org.id());
        awaitMember(org.id(), org.adminId());
        return org;
    }

    public void awaitOrganization(String organizationId) {
        awaitCount("SELECT count(*) FROM organization_view WHERE id = ? AND NOT deleted", 1, organizationId);
    }

    public void awaitMember(String organizationId, String userId) {
        awaitCount("SELECT count(*) FROM member_view WHERE organization_id = ? AND user_id = ?", 1, organizationId, userId);
    }

    /** Waits until the service knows the user (not deleted) with this email. */
    public String awaitUser(String userId, String email) {
        awaitCount("SELECT count(*) FROM user_view WHERE id = ? AND email = ? AND NOT deleted", 1, userId, email);
        return userId;
    }

    public void awaitCount(String sql, long expected, Object... parameters) {
        await().atMost(CONSUMED_WITHIN).until(() -> count(sql, parameters) == expected);
    }

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private List<JsonNode> envelopes(String sql, Object... parameters) {
        return query(sql, rs -> {
            try {
                return JSON.readTree(rs.getString(1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, parameters);
    }

    private <T> List<T> query(String sql, Row<T> row, Object... parameters) {
        try (Connection c = raw.getConnection(); PreparedStatement s = prepare(c, sql, parameters);
             ResultSet rs = s.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rs.next()) {
                result.add(row.map(rs));
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            s.setObject(i + 1, parameters[i]);
        }
        return s;
    }
}
