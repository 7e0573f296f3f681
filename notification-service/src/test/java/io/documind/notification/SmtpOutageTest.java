package io.documind.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SMTP server goes away for a while: the email waits, is retried with backoff for as long as it takes, arrives
 * exactly once, and mail that waited for the server goes as soon as it takes an email again.
 */
@MicronautTest(transactional = false)
class SmtpOutageTest extends NotificationIntegration {

    SmtpOutageTest() {
        super(true);
    }

    @Override
    Map<String, String> settings() {
        return Map.of(
                "documind.notification.delivery.poll-interval", "100ms",
                // Time compressed: attempts come fast, then each email waits seconds.
                "documind.notification.delivery.initial-backoff", "20ms",
                "documind.notification.delivery.max-backoff", "1m");
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

    @Test
    void anOutageBeyondEightAttemptsLosesNothing_andTheBacklogGoesAtOnceWhenTheServerTakesMailAgain() {
        stopMail();
        List<UUID> backlog = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            backlog.add(recordWelcome(address("backlog" + i)));
        }
        // Past the 8 attempts after which mail used to be given up; each now waits 5-10 s for its next one.
        Map<UUID, Instant> ownTurn = await().atMost(WAIT).until(() -> rows(backlog),
                        rows -> rows.values().stream().allMatch(r -> r.attempts() >= 10))
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().nextAttemptAt()));
        assertTrue(rows(backlog).values().stream().allMatch(r -> r.status().equals("Pending")));

        restartMail();
        recordWelcome(address("first-after-the-outage"));

        await().atMost(WAIT).until(() -> rows(backlog).values().stream().allMatch(r -> r.status().equals("Sent")));
        Map<UUID, DeliveryLogRows.Row> sent = rows(backlog);
        // One of them may have come due by itself between the snapshot and the restart; the rest were released.
        long early = backlog.stream().filter(id -> sent.get(id).sentAt().isBefore(ownTurn.get(id))).count();
        assertTrue(early >= backlog.size() - 1, "sent before their own backoff ran out: " + early + " of " + backlog.size());
    }

    private Map<UUID, DeliveryLogRows.Row> rows(List<UUID> eventIds) {
        return eventIds.stream().collect(Collectors.toMap(id -> id, log::one));
    }
}
