package io.documind.notification;

import io.documind.notification.delivery.Mailer;
import io.documind.notification.delivery.SendFailure;
import io.documind.notification.template.RenderedEmail;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.email.EmailSender;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A backlog drains through several senders at once: with {@code workers} = 4, four emails are in the SMTP server's
 * hands at the same moment, and each email still goes out once, on its first claim. The server is slowed by a gate
 * that holds each send until four are in flight (or a deadline passes): one sender at a time would never open it.
 */
@MicronautTest(transactional = false)
class ParallelDeliveryTest extends NotificationIntegration {

    static final int WORKERS = 4;
    /** How long a send waits for the others; a serial worker waits it out on every email. */
    static final Duration GATE = Duration.ofSeconds(10);

    @Inject
    GatedServer server;

    @Override
    Map<String, String> settings() {
        return Map.of(
                "spec.name", "ParallelDeliveryTest",
                "documind.consumer.enabled", "false",
                "documind.notification.delivery.workers", Integer.toString(WORKERS),
                "documind.notification.delivery.poll-interval", "100ms");
    }

    @Test
    void aBacklogIsSentByEverySenderAtOnce_eachEmailOnce() {
        List<String> recipients = new ArrayList<>();
        List<UUID> eventIds = new ArrayList<>();
        for (int i = 0; i < 3 * WORKERS; i++) {
            String recipient = address("backlog" + i);
            recipients.add(recipient);
            eventIds.add(recordWelcome(recipient));
        }

        await().atMost(WAIT).until(() -> eventIds.stream().allMatch(id -> log.one(id).status().equals("Sent")));

        assertEquals(WORKERS, server.mostAtOnce.get(), "emails in the server's hands at the same moment");
        assertEquals(0, server.gateTimeouts.get(), "no send waited out the gate");
        for (int i = 0; i < recipients.size(); i++) {
            assertEquals(1, mail.messagesFor(recipients.get(i)).size(), recipients.get(i));
            DeliveryLogRows.Row row = log.one(eventIds.get(i));
            assertEquals(1, row.attempts(), "claimed once: " + recipients.get(i));
            assertEquals(1, log.outboxEvents("EmailSent", row.id().toString()).size());
        }
    }

    /** The real mailer to the real SMTP server, each send first waiting until {@link #WORKERS} are in flight. */
    @Singleton
    @Replaces(Mailer.class)
    @Requires(property = "spec.name", value = "ParallelDeliveryTest")
    static class GatedServer extends Mailer {

        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger gateTimeouts = new AtomicInteger();
        private final CountDownLatch gate = new CountDownLatch(WORKERS);

        GatedServer(EmailSender<Message, ?> sender,
                    @Value("${micronaut.email.from.email:`no-reply@documind.local`}") String from) {
            super(sender, from);
        }

        @Override
        public void send(UUID notificationId, String recipient, RenderedEmail email) throws SendFailure {
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                gate.countDown();
                if (!gate.await(GATE.toMillis(), TimeUnit.MILLISECONDS)) {
                    gateTimeouts.incrementAndGet();
                }
                super.send(notificationId, recipient, email);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }
}
