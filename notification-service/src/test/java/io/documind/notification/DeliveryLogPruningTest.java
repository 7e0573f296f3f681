package io.documind.notification;

import io.documind.notification.delivery.DeliveryLogPruning;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The delivery log keeps final emails for {@code log-retention} and then lets them go, but never sooner than a day past
 * the rate windows (here the retention asks for 1 s, and the recipient window of 1 h makes it 25 h); mail that may
 * still be sent, and mail whose rate slot still counts, stays whatever its age.
 */
@MicronautTest(transactional = false)
class DeliveryLogPruningTest extends NotificationIntegration {

    @Inject
    DeliveryLogPruning pruning;

    private final String recipient = "pruned-" + UUID.randomUUID() + "@example.com";

    @Override
    Map<String, String> settings() {
        return Map.of("documind.notification.delivery.log-retention", "1s",
                "documind.notification.rate-limits.recipient-window", "1h");
    }

    @Test
    void finalEmailsPastTheRetentionGoAndEverythingElseStays() throws SQLException {
        email("old sent", "Sent", 100, 100, null);
        email("old failed", "Failed", 100, 100, null);
        email("old cancelled", "Cancelled", 100, 100, null);
        email("old pending", "Pending", 100, 100, null);
        email("recent sent", "Sent", 1, 1, null);
        email("sent two days ago", "Sent", 2, 2, 2);
        email("old, failed yesterday", "Failed", 100, 1, null);
        email("old, its slot tomorrow", "Failed", 100, 100, -1);

        pruning.prune();

        // A scheduled run may have taken (and still hold) some of the rows first.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(
                List.of("old pending", "old, failed yesterday", "old, its slot tomorrow", "recent sent"),
                subjectsLeft()));
    }

    /** The marks of refused grants go after the same time (25 h here); a younger one stays. */
    @Test
    void refusedGrantMarksPastTheRetentionGo() throws SQLException {
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        mark(old, 2);
        mark(recent, 0);

        pruning.prune();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(List.of(recent), marksLeft(old, recent)));
    }

    private void mark(String invitationId, int daysAgo) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO invitation_grant_refused (invitation_id, refused_at) "
                     + "VALUES (?, now() - make_interval(days => ?))")) {
            s.setString(1, invitationId);
            s.setInt(2, daysAgo);
            s.executeUpdate();
        }
    }

    private List<String> marksLeft(String... invitationIds) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT invitation_id FROM invitation_grant_refused WHERE invitation_id = ANY (?) ORDER BY 1")) {
            s.setArray(1, c.createArrayOf("text", invitationIds));
            try (ResultSet rs = s.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        }
    }

    /** An email recorded {@code createdDaysAgo}, last changed {@code updatedDaysAgo}, its rate slot days ago or none. */
    private void email(String subject, String status, int createdDaysAgo, int updatedDaysAgo, Integer slotDaysAgo)
            throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO notification (id, triggering_event_id, usage_type, recipient, subject, status,
                         rate_slot, next_attempt_at, created_at, updated_at)
                     VALUES (gen_random_uuid(), gen_random_uuid(), 'OrganizationInvitation', ?, ?, ?,
                         now() - make_interval(days => ?), now() + interval '30 days', now() - make_interval(days => ?),
                         now() - make_interval(days => ?))""")) {
            s.setString(1, recipient);
            s.setString(2, subject);
            s.setString(3, status);
            s.setObject(4, slotDaysAgo);
            s.setInt(5, createdDaysAgo);
            s.setInt(6, updatedDaysAgo);
            s.executeUpdate();
        }
    }

    private List<String> subjectsLeft() throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT subject FROM notification WHERE recipient = ? ORDER BY subject COLLATE \"C\"")) {
            s.setString(1, recipient);
            try (ResultSet rs = s.executeQuery()) {
                List<String> subjects = new ArrayList<>();
                while (rs.next()) {
                    subjects.add(rs.getString(1));
                }
                return subjects;
            }
        }
    }
}
