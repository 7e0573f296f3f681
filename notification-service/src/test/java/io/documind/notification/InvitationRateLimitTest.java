package io.documind.notification;

import io.documind.contracts.events.InvitationRevoked;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.localstack.MailServer;
import io.documind.localstack.testing.ServiceTestProperties;
import io.documind.localstack.testing.TestInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invitation emails over the per-organization or per-recipient rate are deferred, never dropped (OWASP API4). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvitationRateLimitTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration ORGANIZATION_WINDOW = Duration.ofSeconds(2);

    @Inject
    EnvelopeCodec codec;

    @Inject
    DataSource dataSource;

    private final MailServer mail = TestInfrastructure.mail();
    private EventFeed events;
    private DeliveryLogRows log;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ServiceTestProperties.forService("notification-service"));
        p.put("documind.smtp.port", Integer.toString(mail.smtpPort()));
        p.put("documind.notification.delivery.poll-interval", "100ms");
        p.put("documind.notification.rate-limits.invitations-per-organization", "3");
        p.put("documind.notification.rate-limits.organization-window", "2s");
        p.put("documind.notification.rate-limits.invitations-per-recipient", "2");
        p.put("documind.notification.rate-limits.recipient-window", "1h");
        return p;
    }

    @BeforeAll
    void start() {
        events = new EventFeed(codec);
        log = new DeliveryLogRows(dataSource);
    }

    @AfterAll
    void stop() {
        events.close();
    }

    @Test
    void overTheRecipientLimitTheEmailWaitsForItsSlot_andIsCancelledIfTheInvitationIsRevokedMeanwhile() {
        String invitee = NotificationDeliveryTest.address("popular");
        for (int i = 0; i < 3; i++) {
            // Three organizations: the recipient's limit spans them all.
            events.publish(NotificationDeliveryTest.invitation(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    "Org " + i, invitee, "https://app.example/i?token=t" + i, null));
        }
        List<DeliveryLogRows.Row> rows = await().atMost(WAIT).until(() -> log.forRecipient(invitee),
                r -> r.size() == 3 && r.stream().filter(x -> x.status().equals("Sent")).count() == 2);
        assertEquals(2, mail.messagesFor(invitee).size());
        DeliveryLogRows.Row deferred = rows.stream().filter(r -> r.status().equals("Pending")).findFirst().orElseThrow();
        Instant firstSlot = rows.stream().map(DeliveryLogRows.Row::rateSlot).min(Comparator.naturalOrder()).orElseThrow();
        assertEquals(firstSlot.plus(Duration.ofHours(1)), deferred.rateSlot(), "kept, and scheduled for when the window allows");
        assertEquals(deferred.rateSlot(), deferred.nextAttemptAt());
        assertTrue(deferred.sealed());

        events.publish(new InvitationRevoked(deferred.invitationId(),
                rows.stream().filter(r -> r.id().equals(deferred.id())).findFirst().map(r -> organizationOf(r)).orElseThrow(),
                invitee));
        DeliveryLogRows.Row cancelled = await().atMost(WAIT).until(() -> log.one(eventOf(deferred)),
                r -> r.status().equals("Cancelled"));
        assertFalse(cancelled.sealed());
        assertEquals(2, mail.messagesFor(invitee).size());
    }

    @Test
    void overTheOrganizationLimitTheEmailIsSentOnceTheWindowMoves() {
        String organizationId = UUID.randomUUID().toString();
        List<String> invitees = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String invitee = NotificationDeliveryTest.address("colleague" + i);
            invitees.add(invitee);
            events.publish(NotificationDeliveryTest.invitation(organizationId, UUID.randomUUID().toString(), "Busy Org",
                    invitee, "https://app.example/i?token=t" + i, null));
        }
        for (String invitee : invitees) {
            await().atMost(WAIT).until(() -> mail.messagesFor(invitee).size() == 1);
        }
        List<DeliveryLogRows.Row> rows = invitees.stream().map(i -> log.forRecipient(i).getFirst())
                .sorted(Comparator.comparing(DeliveryLogRows.Row::rateSlot)).toList();
        Instant first = rows.getFirst().rateSlot();
        assertTrue(Duration.between(first, rows.get(2).rateSlot()).compareTo(ORGANIZATION_WINDOW) < 0);
        assertEquals(first.plus(ORGANIZATION_WINDOW), rows.get(3).rateSlot(), "the fourth waited for the window");
        DeliveryLogRows.Row last = await().atMost(WAIT).until(() -> log.forRecipient(invitees.get(3)).getFirst(),
                r -> r.status().equals("Sent"));
        assertFalse(last.sentAt().isBefore(last.rateSlot()), "not sent before its slot");
    }

    private UUID eventOf(DeliveryLogRows.Row row) {
        return log.triggeringEventOf(row.id());
    }

    private String organizationOf(DeliveryLogRows.Row row) {
        return log.organizationOf(row.id());
    }
}
