package io.documind.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SMTP server goes away for a while: the email waits, is retried with backoff, and arrives exactly once. */
@MicronautTest(transactional = false)
class SmtpOutageTest extends NotificationIntegration {

    SmtpOutageTest() {
        super(true);
    }

    @Override
    Map<String, String> settings() {
        return Map.of(
                "documind.notification.delivery.poll-interval", "100ms",
                "documind.notification.delivery.initial-backoff", "100ms",
                "documind.notification.delivery.max-backoff", "400ms",
                "documind.notification.delivery.max-attempts", "1000");
    }

    @Test
    void mailWaitsOutTheOutageAndArrivesExactlyOnceWhenTheServerIsBack() {
        stopMail();
        String invitee = address("patient");
        UUID eventId = events.publish(invitation(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "Acme",
                invitee, "https://app.example/i?token=t", null));

        DeliveryLogRows.Row waiting = await().atMost(WAIT).until(() -> log.forEvent(eventId),
                rows -> rows.size() == 1 && rows.getFirst().attempts() >= 3).getFirst();
        assertEquals("Pending", waiting.status(), "a transient failure is retried, not given up");
        assertTrue(waiting.lastError().contains("Connect"), waiting.lastError());
        assertTrue(waiting.sealed(), "still holds its message until it is sent");

        restartMail();

        DeliveryLogRows.Row sent = awaitStatus(eventId, "Sent");
        // Sent is final: nothing can send it again, so one message now means exactly one.
        List<ReceivedMail> received = ReceivedMail.inbox(mail, invitee);
        assertEquals(1, received.size());
        assertEquals(sent.id().toString(), received.getFirst().notificationId());
        List<JsonNode> reported = awaitReported(eventId);
        assertEquals(List.of("EmailSent"), reported.stream().map(e -> e.path("type").asText()).toList());
    }
}
