package io.documind.notification;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lone email waiting for an SMTP server that was away goes within seconds of the server's return, not at the end
 * of its own backoff: no other mail is sent to release it, so the probe must notice the server is back.
 */
@MicronautTest(transactional = false)
class SmtpProbeTest extends NotificationIntegration {

    SmtpProbeTest() {
        super(true);
    }

    @Override
    Map<String, String> settings() {
        return Map.of(
                "documind.notification.delivery.poll-interval", "100ms",
                // The first failure already waits minutes for its next attempt.
                "documind.notification.delivery.initial-backoff", "5m",
                "documind.notification.delivery.max-backoff", "10m",
                "documind.notification.delivery.server-probe-interval", "200ms");
    }

    @Test
    void aLoneWaitingEmailGoesSoonAfterTheServerIsBack() {
        stopMail();
        String recipient = address("alone");
        UUID eventId = recordWelcome(recipient);
        DeliveryLogRows.Row waiting = await().atMost(WAIT).until(() -> log.one(eventId),
                row -> row.attempts() >= 1 && row.lastError() != null); // settled: no longer claimed
        assertEquals("Pending", waiting.status());
        Instant ownTurn = waiting.nextAttemptAt();
        assertTrue(ownTurn.isAfter(Instant.now().plusSeconds(60)), "its own next attempt is minutes away: " + ownTurn);

        restartMail();

        DeliveryLogRows.Row sent = awaitStatus(eventId, "Sent");
        assertTrue(sent.sentAt().isBefore(ownTurn), "sent at " + sent.sentAt() + ", its own turn was " + ownTurn);
        assertEquals(1, ReceivedMail.inbox(mail, recipient).size());
    }
}
