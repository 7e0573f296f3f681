package io.documind.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.localstack.MailServer;
import io.documind.localstack.testing.ServiceTestProperties;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SMTP server goes away for a while: the email waits, is retried with backoff, and arrives exactly once. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmtpOutageTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EnvelopeCodec codec;

    @Inject
    DataSource dataSource;

    /** This class's own SMTP server, stopped and started again on the same port. */
    private MailServer mail = MailServer.start(0, -1);
    private final int smtpPort = mail.smtpPort();
    private EventFeed events;
    private DeliveryLogRows log;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ServiceTestProperties.forService("notification-service"));
        p.put("documind.smtp.port", Integer.toString(smtpPort));
        p.put("documind.smtp.connect-timeout", "1s");
        p.put("documind.smtp.read-timeout", "2s");
        p.put("documind.smtp.write-timeout", "2s");
        p.put("documind.notification.delivery.lease", "1m");
        p.put("documind.notification.delivery.poll-interval", "100ms");
        p.put("documind.notification.delivery.initial-backoff", "100ms");
        p.put("documind.notification.delivery.max-backoff", "400ms");
        p.put("documind.notification.delivery.max-attempts", "1000");
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
        mail.close();
    }

    @Test
    void mailWaitsOutTheOutageAndArrivesExactlyOnceWhenTheServerIsBack() {
        mail.close();
        String invitee = NotificationDeliveryTest.address("patient");
        UUID eventId = events.publish(NotificationDeliveryTest.invitation(UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), "Acme", invitee, "https://app.example/i?token=t", null));

        DeliveryLogRows.Row waiting = await().atMost(WAIT).until(() -> log.forEvent(eventId),
                rows -> rows.size() == 1 && rows.getFirst().attempts() >= 3).getFirst();
        assertEquals("Pending", waiting.status(), "a transient failure is retried, not given up");
        assertTrue(waiting.lastError().contains("Connect"), waiting.lastError());
        assertTrue(waiting.sealed(), "still holds its message until it is sent");

        mail = MailServer.start(smtpPort, -1);

        DeliveryLogRows.Row sent = await().atMost(WAIT).until(() -> log.one(eventId), r -> r.status().equals("Sent"));
        // Sent is final: nothing can send it again, so one message now means exactly one.
        List<ReceivedMail> received = ReceivedMail.inbox(mail, invitee);
        assertEquals(1, received.size());
        assertEquals(sent.id().toString(), received.getFirst().notificationId());
        List<JsonNode> reported = await().atMost(WAIT).until(() -> NotificationEvents.about(eventId), e -> !e.isEmpty());
        assertEquals(List.of("EmailSent"), reported.stream().map(e -> e.path("type").asText()).toList());
    }
}
