package io.documind.notification.delivery;

import io.documind.contracts.events.EmailFailed;
import io.documind.contracts.events.EmailSent;
import io.documind.kit.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Records what happened to a claimed email, each in one transaction with its event (EmailSent, EmailFailed)
 * through the outbox. Each outcome applies only while the claim is still the worker's own.
 */
@Singleton
public class DeliveryOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryOutcomes.class);

    private final NotificationRepository notifications;
    private final Outbox outbox;
    private final DeliverySignal signal;
    private final Counter sentCount;
    private final Counter failedCount;
    private final Counter retriedCount;

    public DeliveryOutcomes(NotificationRepository notifications, Outbox outbox, DeliverySignal signal,
                            MeterRegistry meters) {
        this.notifications = notifications;
        this.outbox = outbox;
        this.signal = signal;
        // notification_emails_total{outcome=...}: what an SRE watches when SMTP misbehaves.
        this.sentCount = meters.counter("notification.emails", "outcome", "sent");
        this.failedCount = meters.counter("notification.emails", "outcome", "failed");
        this.retriedCount = meters.counter("notification.emails", "outcome", "retried");
    }

    /** Also releases the mail that was waiting for the server, and wakes every sender for it: it takes mail again. */
    @Transactional
    public void sent(Claim claim) {
        if (notifications.markSent(claim)) {
            sentCount.increment();
            outbox.append(new EmailSent(claim.id().toString(), claim.organizationId(), claim.usageType().wireName(),
                    claim.recipient(), claim.triggeringEventId().toString()));
        } else {
            lost(claim, "Sent");
        }
        int released = notifications.releaseAwaitingServer();
        if (released > 0) {
            LOG.info("The SMTP server took email {}: {} email(s) waiting for it are due now", claim.id(), released);
            signal.afterCommit();
        }
    }

    /** The server answers again ({@link SmtpProbe}): mail that waited for it is due now. @return how many */
    @Transactional
    public int serverBack() {
        return notifications.releaseAwaitingServer();
    }

    @Transactional
    public void failed(Claim claim, String reason) {
        if (notifications.markFailed(claim, reason)) {
            failedCount.increment();
            LOG.warn("{} email {} failed for good: {}", claim.usageType(), claim.id(), reason);
            outbox.append(emailFailed(claim.id(), claim.organizationId(), claim.usageType().wireName(),
                    claim.recipient(), claim.triggeringEventId(), reason));
        } else {
            lost(claim, "Failed");
        }
    }

    @Transactional
    public void retryLater(Claim claim, Duration delay, SendFailure failure) {
        String error = failure.getMessage();
        if (notifications.retryLater(claim, delay, error, failure.kind() == SendFailure.Kind.SERVER_UNAVAILABLE)) {
            retriedCount.increment();
            LOG.info("{} email {} attempt {} failed ({}); next in {} ms", claim.usageType(), claim.id(),
                    claim.attempts(), error, delay.toMillis());
        } else {
            lost(claim, "retry");
        }
    }

    /** Cancelled while an earlier claim was sending it, whose worker died: settled without sending. */
    @Transactional
    public void withdrawn(Claim claim) {
        if (notifications.cancelWithdrawn(claim)) {
            LOG.info("{} email {} not sent: {}", claim.usageType(), claim.id(), claim.withdrawn());
        } else {
            lost(claim, "Cancelled");
        }
    }

    /** Fails mail whose sealing key no running instance holds (see {@link NotificationRepository#failOrphans}). */
    @Transactional
    public int failOrphans(String sealingKeyId, Duration grace) {
        String reason = "sealed under a key no running instance holds (set one shared documind.notification.sealing-key)";
        List<NotificationRepository.Settled> orphans = notifications.failOrphans(sealingKeyId, grace, reason, 100);
        for (NotificationRepository.Settled o : orphans) {
            outbox.append(emailFailed(o.id(), o.organizationId(), o.usageType(), o.recipient(), o.triggeringEventId(),
                    reason));
        }
        return orphans.size();
    }

    /** EmailFailed for an email, cut to the lengths its schema allows. */
    static EmailFailed emailFailed(UUID notificationId, @Nullable String organizationId, String usageType,
                                   String recipient, UUID triggeringEventId, String reason) {
        return new EmailFailed(notificationId.toString(), organizationId, usageType, truncate(recipient, 320),
                triggeringEventId.toString(), truncate(reason, 2000));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static void lost(Claim claim, String outcome) {
        // Only after an abnormal pause (the lease ran out mid-send): the other claimant's outcome stands.
        LOG.warn("{} email {}: claim expired before its outcome ({}) was recorded; another worker took it over",
                claim.usageType(), claim.id(), outcome);
    }
}
