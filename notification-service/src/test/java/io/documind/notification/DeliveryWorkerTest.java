package io.documind.notification;

import io.documind.kit.lifecycle.Shutdown;
import io.documind.notification.delivery.Claim;
import io.documind.notification.delivery.DeliveryConfiguration;
import io.documind.notification.delivery.DeliveryOutcomes;
import io.documind.notification.delivery.SmtpProbe;
import io.documind.notification.delivery.DeliverySignal;
import io.documind.notification.delivery.DeliveryWorker;
import io.documind.notification.delivery.MailSealer;
import io.documind.notification.delivery.Mailer;
import io.documind.notification.delivery.NotificationRepository;
import io.documind.notification.delivery.NotificationStatus;
import io.documind.notification.delivery.SendFailure;
import io.documind.notification.template.RenderedEmail;
import io.documind.notification.template.UsageType;
import io.micronaut.email.EmailSender;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delivery worker driven by hand (its background thread and the Kafka consumer are off): several
 * instances at once, dead senders and slow ones, the retry limit, and mail no instance can open.
 */
@MicronautTest(transactional = false)
class DeliveryWorkerTest extends NotificationIntegration {

    @Inject
    NotificationRepository notifications;
    @Inject
    DeliveryOutcomes outcomes;
    @Inject
    DeliveryWorker worker;
    @Inject
    MailSealer sealer;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    DeliveryConfiguration deliveryConfig;
    @Inject
    Mailer mailer;
    @Inject
    Shutdown shutdown;
    @Inject
    DeliverySignal signal;
    @Inject
    SmtpProbe probe;
    @Inject
    JsonMapper json;

    @Inject
    EmailSender<Message, ?> emailSender;

    /** Short, so that a dead sender's claim runs out within the test's patience. */
    static final Duration LEASE = Duration.ofSeconds(2);

    DeliveryWorkerTest() {
        super(true);
    }

    @Override
    Map<String, String> settings() {
        return Map.of(
                "documind.consumer.enabled", "false",
                "documind.notification.delivery.enabled", "false",
                "documind.notification.delivery.lease", LEASE.toMillis() + "ms",
                "documind.notification.delivery.retry-for", "2s",
                "documind.notification.delivery.initial-backoff", "10ms",
                "documind.notification.delivery.max-backoff", "20ms");
    }

    @Test
    void fourInstancesRacingForTheSameMailSendEachEmailOnce() throws Exception {
        List<String> recipients = new ArrayList<>();
        List<UUID> eventIds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String recipient = address("race" + i);
            recipients.add(recipient);
            eventIds.add(recordWelcome(recipient));
        }
        List<DeliveryWorker> instances = List.of(worker, anotherInstance(), anotherInstance(), anotherInstance());
        ExecutorService threads = Executors.newFixedThreadPool(instances.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> delivered = new ArrayList<>();
            for (DeliveryWorker instance : instances) {
                delivered.add(threads.submit(() -> {
                    go.await();
                    int count = 0;
                    while (instance.deliverNext()) {
                        count++;
                    }
                    return count;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : delivered) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(30, total, "every email was claimed by exactly one instance");
        } finally {
            threads.shutdownNow();
        }
        for (int i = 0; i < 30; i++) {
            assertEquals(1, mail.messagesFor(recipients.get(i)).size(), recipients.get(i));
            DeliveryLogRows.Row row = log.one(eventIds.get(i));
            assertEquals("Sent", row.status());
            assertEquals(1, row.attempts());
            assertEquals(1, log.outboxEvents("EmailSent", row.id().toString()).size());
        }
    }

    @Test
    void aClaimWhoseLeaseRanOutIsTakenOver_andTheFormerHolderCannotRecordAnOutcome() {
        UUID eventId = recordWelcome(address("lease"));
        Claim first = claim(Duration.ofMillis(200)).orElseThrow();
        assertTrue(claim(Duration.ofMinutes(1)).isEmpty(), "nobody else gets it while the lease runs");

        Claim second = await().atMost(WAIT).until(() -> claim(Duration.ofMinutes(1)), Optional::isPresent).orElseThrow();
        assertEquals(first.id(), second.id());
        assertNotEquals(first.token(), second.token());
        assertEquals(2, second.attempts());

        outcomes.sent(first);
        assertEquals("Pending", log.one(eventId).status(), "the stale claim's outcome is ignored");
        outcomes.sent(second);
        assertEquals("Sent", log.one(eventId).status());
        assertEquals(1, log.outboxEvents("EmailSent", first.id().toString()).size());
    }

    @Test
    void transientFailuresAreRetriedForTheConfiguredAgeThenFailedWithEmailFailed() {
        stopMail();
        try {
            String recipient = address("unlucky");
            UUID eventId = recordWelcome(recipient);
            // Each round waits out the 10-20 ms backoff; the worker itself would poll the same way.
            await().atMost(WAIT).pollInterval(Duration.ofMillis(25)).until(() -> {
                worker.deliverNext();
                return log.one(eventId).status().equals("Failed");
            });
            DeliveryLogRows.Row row = log.one(eventId);
            assertTrue(row.attempts() > 3, "retried for 2 s, however many attempts that takes: " + row.attempts());
            assertFalse(row.sealed());
            List<String> failed = log.outboxEvents("EmailFailed", row.id().toString());
            assertEquals(1, failed.size());
            assertTrue(failed.getFirst().contains("gave up after " + row.attempts() + " attempts in "), failed.getFirst());
            assertEquals(List.of(), NotificationEvents.about(eventId).stream()
                    .filter(e -> !e.path("type").asText().equals("EmailFailed")).toList());
        } finally {
            restartMail();
        }
    }

    /**
     * An email recorded before an upgrade that tightened the recipient rules: the sender refuses its address once
     * (Failed, EmailFailed), rather than throwing something no outcome settles and trying it at every lease.
     */
    @Test
    void anAddressRefusedSinceItWasRecordedFailsOnce_neverMailedElsewhere() {
        UUID eventId = recordWelcome(address("renamed"));
        UUID id = log.one(eventId).id();
        transactions.executeWrite(s -> {
            try (var update = s.getConnection()
                    .prepareStatement("UPDATE notification SET recipient = ? WHERE id = ?")) {
                update.setString(1, "ceo@fa\u00df.example"); // IDNA2003 would mail it at fass.example
                update.setObject(2, id);
                return update.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(WAIT).until(() -> {
            worker.deliverNext();
            return log.one(eventId).status().equals("Failed");
        });
        assertEquals(1, log.one(eventId).attempts());
        assertTrue(log.outboxEvents("EmailFailed", id.toString()).getFirst().contains("ASCII form"));
        assertEquals(List.of(), mail.messagesFor("ceo@fass.example"));
    }

    @Test
    void aSenderThatDiesMidSendLosesItsClaimWithinSeconds_andBothCopiesCarryOneMessageId() throws Exception {
        String recipient = address("crash");
        UUID eventId = recordWelcome(recipient);
        // A dying instance: claims, hands the email to the SMTP server, and is gone before recording it (no
        // heartbeat renews its claim).
        Claim dead = claim(LEASE).orElseThrow();
        mailer.send(dead.id(), dead.recipient(), sealer.open(dead.id(), dead.sealedBody()));

        await().atMost(LEASE.plusSeconds(3)).pollInterval(Duration.ofMillis(100)).until(worker::deliverNext);

        DeliveryLogRows.Row row = log.one(eventId);
        assertEquals("Sent", row.status());
        assertEquals(2, row.attempts());
        assertEquals(1, log.outboxEvents("EmailSent", row.id().toString()).size());
        List<MimeMessage> copies = mail.messagesFor(recipient);
        assertEquals(2, copies.size(), "the unavoidable duplicate: SMTP took the first copy, its sender died");
        for (MimeMessage copy : copies) {
            assertArrayEquals(new String[] {mailer.messageId(row.id())}, copy.getHeader("Message-ID"),
                    "receivers drop a copy by its Message-ID");
        }
        assertEquals("<" + row.id() + "@documind.local>", mailer.messageId(row.id()));
    }

    @Test
    void aSendSlowerThanTheLeaseKeepsItsClaimByItsHeartbeat() throws Exception {
        String recipient = address("slow");
        UUID eventId = recordWelcome(recipient);
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch serverReplies = new CountDownLatch(1);
        Mailer slowServer = new Mailer(emailSender, "no-reply@documind.local") {
            @Override
            public void send(UUID notificationId, String to, RenderedEmail email) throws SendFailure {
                sending.countDown();
                try {
                    serverReplies.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.send(notificationId, to, email);
            }
        };
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> slow = thread.submit(() -> anotherInstance(slowServer).deliverNext());
            assertTrue(sending.await(WAIT.toSeconds(), TimeUnit.SECONDS));

            // Nobody else gets it for three leases: once taken over, the condition stays false and the wait fails.
            AtomicBoolean takenOver = new AtomicBoolean();
            await().during(LEASE.multipliedBy(3)).atMost(LEASE.multipliedBy(3).plusSeconds(5))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (worker.deliverNext()) {
                            takenOver.set(true);
                        }
                        return !takenOver.get();
                    });

            serverReplies.countDown();
            assertTrue(slow.get(30, TimeUnit.SECONDS));
        } finally {
            serverReplies.countDown();
            thread.shutdownNow();
        }
        DeliveryLogRows.Row row = log.one(eventId);
        assertEquals("Sent", row.status());
        assertEquals(1, row.attempts());
        assertEquals(1, mail.messagesFor(recipient).size());
    }

    /**
     * Mail cancelled while it is being sent (its organization deleted, its invitation revoked or superseded): a send
     * that got through is recorded as sent, one that did not is cancelled rather than retried, and one whose sender
     * died is cancelled by whoever claims it next, never sent.
     */
    @Test
    void mailCancelledWhileBeingSentIsNeverRetriedOrSentAgain() {
        String reason = "the organization was deleted";
        SendFailure away = new SendFailure(SendFailure.Kind.SERVER_UNAVAILABLE, "connection refused", null);

        UUID failing = recordWelcome(address("withdrawn-failing"));
        Claim first = claim(Duration.ofMinutes(1)).orElseThrow();
        assertEquals(failing, first.triggeringEventId());
        cancelOrganization(first);
        assertEquals("Pending", log.one(failing).status(), "its sender still holds it");
        outcomes.retryLater(first, Duration.ofMillis(10), away);
        assertEquals("Cancelled", log.one(failing).status());
        assertTrue(log.one(failing).lastError().startsWith(reason), log.one(failing).lastError());
        assertFalse(log.one(failing).sealed());

        UUID sending = recordWelcome(address("withdrawn-sent"));
        Claim second = claim(Duration.ofMinutes(1)).orElseThrow();
        cancelOrganization(second);
        outcomes.sent(second);
        assertEquals("Sent", log.one(sending).status(), "it went out: the log says so");
        assertEquals(1, log.outboxEvents("EmailSent", second.id().toString()).size());

        String recipient = address("withdrawn-orphan");
        UUID orphaned = recordWelcome(recipient);
        Claim dead = claim(Duration.ofMinutes(1)).orElseThrow();
        cancelOrganization(dead);
        // Its worker died: the lease runs out (made to now, rather than waited for, so the cancellation above
        // surely met a live claim).
        expireClaim(dead);
        assertTrue(worker.deliverNext(), "the next worker claims it");
        assertEquals("Cancelled", log.one(orphaned).status());
        assertEquals(reason, log.one(orphaned).lastError());
        assertEquals(0, mail.messagesFor(recipient).size(), "never sent");
        assertEquals(List.of(), log.outboxEvents("EmailFailed", first.id().toString()));
    }

    private void expireClaim(Claim claim) {
        transactions.executeWrite(s -> {
            try (var update = s.getConnection().prepareStatement(
                    "UPDATE notification SET claim_expires_at = now() - interval '1 second' WHERE id = ?")) {
                update.setObject(1, claim.id());
                return update.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void cancelOrganization(Claim claim) {
        transactions.executeWrite(s -> notifications.cancelForOrganization(claim.organizationId(),
                "the organization was deleted"));
    }

    @Test
    void mailSealedUnderAKeyNoInstanceHoldsIsFailedOnceOverdue_notSentGarbled() {
        MailSealer lostKey = new MailSealer("", json);
        UUID id = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        transactions.executeWrite(s -> notifications.insert(new NotificationRepository.NewNotification(id, eventId,
                UsageType.ORGANIZATION_WELCOME, UUID.randomUUID().toString(), null, "orphan@example.com", "Welcome",
                null, NotificationStatus.PENDING, lostKey.seal(id, new RenderedEmail("Welcome", null, "Hi")),
                lostKey.keyId(), null, Instant.now().minus(Duration.ofHours(1)), null)));

        assertTrue(claim(Duration.ofMinutes(1)).isEmpty(), "never claimed by an instance that cannot open it");
        assertEquals(1, outcomes.failOrphans(sealer.keyId(), Duration.ofMinutes(15)));
        assertEquals("Failed", log.one(eventId).status());
        assertEquals(1, log.outboxEvents("EmailFailed", id.toString()).size());
    }

    @Test
    void aRateWindowStaysLockedUntilTheTransactionThatLockedItEnds_whateverTheAddressCase() throws Exception {
        String recipient = address("window");
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean secondGotIt = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> holder = threads.submit(() -> transactions.executeWrite(s -> {
                notifications.lockRateWindows(null, recipient);
                locked.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertTrue(locked.await(30, TimeUnit.SECONDS));
            Future<?> second = threads.submit(() -> transactions.executeWrite(s -> {
                notifications.lockRateWindows(null, recipient.toUpperCase());
                secondGotIt.set(true);
                return null;
            }));
            assertThrows(TimeoutException.class, () -> second.get(500, TimeUnit.MILLISECONDS),
                    "the second transaction waits for the window");
            assertFalse(secondGotIt.get());
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
            assertTrue(secondGotIt.get());
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    private Optional<Claim> claim(Duration lease) {
        return transactions.executeWrite(s -> notifications.claimNext(sealer.keyId(), lease));
    }

    /** What another process would run: its own worker over the same database and SMTP server. */
    private DeliveryWorker anotherInstance() {
        return anotherInstance(mailer);
    }

    private DeliveryWorker anotherInstance(Mailer itsMailer) {
        return new DeliveryWorker(deliveryConfig, notifications, outcomes, itsMailer, sealer, signal, probe,
                transactions, shutdown);
    }
}
