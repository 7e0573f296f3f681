package io.documind.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.contracts.events.Actor;
import io.documind.contracts.events.InvitationMessageRequested;
import io.documind.kit.crypto.SealedBox;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.kit.testing.EventFeed;
import io.documind.notification.delivery.EmailRequest;
import io.documind.notification.delivery.NotificationRecorder;
import io.documind.notification.template.UsageType;
import io.documind.localstack.LinkKeys;
import io.documind.localstack.MailServer;
import io.documind.localstack.testing.ServiceTestProperties;
import io.documind.localstack.testing.TestInfrastructure;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * What notification-service's integration tests share: the service on the test infrastructure sending to a real
 * SMTP server, events fed in over Kafka ({@link #events}), and what came of them read back: the mail received, the
 * delivery log ({@link #log}) and the events reported. A subclass adds {@code @MicronautTest(transactional = false)}
 * and its own {@link #settings()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NotificationIntegration implements TestPropertyProvider {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EnvelopeCodec codec;

    @Inject
    DataSource dataSource;

    @Inject
    NotificationRecorder recorder;

    /** The SMTP server the service sends to. */
    MailServer mail;
    EventFeed events;
    DeliveryLogRows log;

    private final boolean ownMailServer;
    private final int smtpPort;

    /** Sends to the test infrastructure's shared SMTP server. */
    NotificationIntegration() {
        this(false);
    }

    /**
     * @param ownMailServer true: a server of this class's own, which its tests may stop ({@link #stopMail()}) and
     *                      start again ({@link #restartMail()}); sends to it then fail within seconds
     */
    NotificationIntegration(boolean ownMailServer) {
        this.ownMailServer = ownMailServer;
        this.mail = ownMailServer ? MailServer.start(0, -1) : TestInfrastructure.mail();
        this.smtpPort = mail.smtpPort();
    }

    /** The class's own settings, over the shared ones. */
    Map<String, String> settings() {
        return Map.of();
    }

    @Override
    public final Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ServiceTestProperties.forService("notification-service"));
        p.put("documind.smtp.port", Integer.toString(smtpPort));
        if (ownMailServer) {
            // A stopped server must cost a test seconds, not the production timeouts.
            p.put("documind.smtp.connect-timeout", "1s");
            p.put("documind.smtp.read-timeout", "2s");
            p.put("documind.smtp.write-timeout", "2s");
        }
        p.putAll(settings());
        return p;
    }

    @BeforeAll
    void openEventFeedAndDeliveryLog() {
        events = new EventFeed(codec);
        log = new DeliveryLogRows(dataSource);
    }

    @AfterAll
    void closeEventFeedAndOwnMailServer() {
        events.close();
        if (ownMailServer) {
            mail.close();
        }
    }

    /**
     * Settings for a test that holds mail back with an SMTP outage: after its first failed attempt an email waits an
     * hour, unclaimed, so nothing races what the test does to it meanwhile.
     */
    static Map<String, String> retriesAnHourApart() {
        return Map.of(
                "documind.notification.delivery.poll-interval", "100ms",
                "documind.notification.delivery.initial-backoff", "1h",
                "documind.notification.delivery.max-backoff", "1h");
    }

    void stopMail() {
        mail.close();
    }

    /** On the same port, so the running service finds it again. */
    void restartMail() {
        mail = MailServer.start(smtpPort, -1);
    }

    /** Waits until the address has received exactly one email, and returns it. */
    ReceivedMail awaitOnlyMailTo(String address) {
        return await().atMost(WAIT).until(() -> ReceivedMail.inbox(mail, address), m -> m.size() == 1).getFirst();
    }

    /** Waits until the one email the event asked for has the status, and returns its row. */
    DeliveryLogRows.Row awaitStatus(UUID eventId, String status) {
        // Until the consumer records it there is no row: wait for it too rather than fail on the first look.
        List<DeliveryLogRows.Row> rows = await().atMost(WAIT).until(() -> log.forEvent(eventId),
                r -> r.size() > 1 || (r.size() == 1 && r.getFirst().status().equals(status)));
        if (rows.size() != 1) {
            throw new AssertionError("expected one row for event " + eventId + ", got " + rows);
        }
        return rows.getFirst();
    }

    /** Waits until the service has reported (EmailSent/EmailFailed) on the email the event asked for. */
    List<JsonNode> awaitReported(UUID eventId) {
        return await().atMost(WAIT).until(() -> NotificationEvents.about(eventId), e -> !e.isEmpty());
    }

    /** Records a welcome email as its consumer would, and returns the triggering event's id. */
    UUID recordWelcome(String recipient) {
        UUID eventId = UUID.randomUUID();
        recorder.record(new EmailRequest(eventId, UsageType.ORGANIZATION_WELCOME, UUID.randomUUID().toString(), null,
                recipient, Map.of("organizationName", "Race Inc"), false));
        return eventId;
    }

    /** The event as invitation-service writes it: the link sealed with this run's public link key. */
    static InvitationMessageRequested invitation(String organizationId, String invitationId, String organizationName,
                                                 String invitee, String link, Actor inviter) {
        return invitationSealed(organizationId, invitationId, organizationName, invitee,
                SealedBox.seal(SealedBox.publicKey(LinkKeys.forThisRun().publicKey(), "test key"), link, invitationId),
                inviter);
    }

    static InvitationMessageRequested invitationSealed(String organizationId, String invitationId,
                                                       String organizationName, String invitee, String sealedLink,
                                                       Actor inviter) {
        return new InvitationMessageRequested(invitationId, organizationId, organizationName, invitee, sealedLink,
                inviter, List.of("Member"), Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
    }

    /** A recipient of this run only, so tests sharing the SMTP server never read each other's mail. */
    static String address(String who) {
        return who + "-" + UUID.randomUUID() + "@example.com";
    }
}
