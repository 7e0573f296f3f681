package io.documind.notification;

import io.documind.contracts.events.InvitationRevoked;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invitation emails over the per-organization or per-recipient rate are deferred, never dropped (OWASP API4). */
@MicronautTest(transactional = false)
class InvitationRateLimitTest extends NotificationIntegration {

    private static final Duration ORGANIZATION_WINDOW = Duration.ofSeconds(2);

    @Override
    Map<String, String> settings() {
        return Map.of(
                "documind.notification.delivery.poll-interval", "100ms",
                "documind.notification.rate-limits.invitations-per-organization", "3",
                "documind.notification.rate-limits.organization-window", "2s",
                "documind.notification.rate-limits.invitations-per-recipient", "2",
                "documind.notification.rate-limits.recipient-window", "1h");
    }

    @Test
    void overTheRecipientLimitTheEmailWaitsForItsSlot_andIsCancelledIfTheInvitationIsRevokedMeanwhile() {
        String invitee = address("popular");
        for (int i = 0; i < 3; i++) {
            // Three organizations: the recipient's limit spans them all.
            events.publish(invitation(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "Org " + i, invitee,
                    "https://app.example/i?token=t" + i, null));
        }
        List<DeliveryLogRows.Row> rows = await().atMost(WAIT).until(() -> log.forRecipient(invitee),
                r -> r.size() == 3 && r.stream().filter(x -> x.status().equals("Sent")).count() == 2);
        assertEquals(2, mail.messagesFor(invitee).size());
        DeliveryLogRows.Row deferred = rows.stream().filter(r -> r.status().equals("Pending")).findFirst().orElseThrow();
        Instant firstSlot = rows.stream().map(DeliveryLogRows.Row::rateSlot).min(Comparator.naturalOrder()).orElseThrow();
        assertEquals(firstSlot.plus(Duration.ofHours(1)), deferred.rateSlot(), "kept, and scheduled for when the window allows");
        assertEquals(deferred.rateSlot(), deferred.nextAttemptAt());
        assertTrue(deferred.sealed());

        events.publish(new InvitationRevoked(deferred.invitationId(), organizationOf(deferred), invitee));
        DeliveryLogRows.Row cancelled = awaitStatus(eventOf(deferred), "Cancelled");
        assertFalse(cancelled.sealed());
        assertEquals(2, mail.messagesFor(invitee).size());
    }

    @Test
    void overTheOrganizationLimitTheEmailIsSentOnceTheWindowMoves() {
        String organizationId = UUID.randomUUID().toString();
        List<String> invitees = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String invitee = address("colleague" + i);
            invitees.add(invitee);
            events.publish(invitation(organizationId, UUID.randomUUID().toString(), "Busy Org",
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
