package io.documind.notification.delivery;

import io.documind.kit.outbox.Outbox;
import io.documind.notification.ratelimit.InvitationRateLimiter;
import io.documind.notification.template.EmailTemplateService;
import io.documind.notification.template.RenderedEmail;
import io.documind.notification.template.TemplateRenderer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Records the emails consumers ask for, in the consumer's transaction and before anything is sent: that transaction
 * also claims the event's id ({@code processed_event}), so a redelivered event sends nothing new; the row, unique per
 * (event, usage type), stops it too while the delivery log keeps it ({@link DeliveryLogPruning}). The delivery worker
 * sends it later, outside this transaction.
 */
@Singleton
public class NotificationRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationRecorder.class);

    private final NotificationRepository notifications;
    private final EmailTemplateService templates;
    private final InvitationRateLimiter rateLimiter;
    private final MailSealer sealer;
    private final Outbox outbox;
    private final DeliverySignal signal;
    private final Counter refusedCount;
    private final Counter deferredCount;
    private final Counter unopenedCount;

    public NotificationRecorder(NotificationRepository notifications, EmailTemplateService templates,
                                InvitationRateLimiter rateLimiter, MailSealer sealer, Outbox outbox,
                                DeliverySignal signal, MeterRegistry meters) {
        this.refusedCount = meters.counter("notification.emails", "outcome", "refused");
        this.deferredCount = meters.counter("notification.emails", "outcome", "deferred");
        this.unopenedCount = meters.counter("notification.emails", "outcome", "unopened");
        this.notifications = notifications;
        this.templates = templates;
        this.rateLimiter = rateLimiter;
        this.sealer = sealer;
        this.outbox = outbox;
        this.signal = signal;
    }

    /**
     * Renders and records one email as Pending, due now or, over a rate limit, later. A recipient or link that
     * can never be sent is recorded as Failed at once, with EmailFailed, and never retried.
     */
    @Transactional
    public void record(EmailRequest request) {
        record(request, Duration.ZERO);
    }

    /** As {@link #record(EmailRequest)}, due no sooner than {@code hold} from now (still cancellable meanwhile). */
    @Transactional
    public void record(EmailRequest request, Duration hold) {
        UUID id = UUID.randomUUID();
        RenderedEmail email = TemplateRenderer.render(templates.template(request.usageType()), request.values());
        String storedLink = Links.redact(request.link());
        Optional<String> refusal = Recipients.problem(request.recipient())
                .or(() -> request.link() == null ? Optional.empty() : Links.problem(request.link()));
        Instant now = notifications.now();
        if (refusal.isPresent()) {
            if (recordFailed(id, request, email.subject(), storedLink, now, refusal.get())) {
                refusedCount.increment();
                LOG.info("{} email for event {} refused: {}", request.usageType(), request.triggeringEventId(),
                        refusal.get());
            }
            return;
        }
        Instant rateSlot = request.rateLimited()
                ? rateLimiter.slotFor(request.organizationId(), request.recipient(), now)
                : null;
        Instant held = now.plus(hold);
        Instant due = rateSlot != null && rateSlot.isAfter(held) ? rateSlot : held;
        boolean recorded = notifications.insert(new NotificationRepository.NewNotification(id,
                request.triggeringEventId(), request.usageType(), request.organizationId(), request.invitationId(),
                request.recipient(), email.subject(), storedLink, NotificationStatus.PENDING, sealer.seal(id, email),
                sealer.keyId(), rateSlot, due, null));
        if (!recorded) {
            LOG.info("{} email for event {} was already recorded", request.usageType(), request.triggeringEventId());
            return;
        }
        if (rateSlot != null && rateSlot.isAfter(now)) {
            deferredCount.increment();
            LOG.info("{} email {} deferred to {} by the rate limits", request.usageType(), id, due);
        } else if (due.isAfter(now)) {
            signal.in(hold);
        } else {
            signal.afterCommit();
        }
    }

    /**
     * An email whose content cannot be made (a sealed secret this service cannot open: another key, or a box moved
     * from another invitation or user). Recorded as Failed with EmailFailed, like an address no server would take,
     * rather than dead-lettered: the producer then settles it (invitation-service counts an invitation's unsettled
     * mail against the organization's backlog, so dead letters would hold that backlog until each invitation
     * ended), and the delivery log shows the operator why. {@code request} holds no secret: it could not be opened.
     */
    @Transactional
    public void refuse(EmailRequest request, String reason) {
        RenderedEmail email = TemplateRenderer.render(templates.template(request.usageType()), request.values());
        if (recordFailed(UUID.randomUUID(), request, email.subject(), null, notifications.now(), reason)) {
            // Loud, apart from bad addresses: every box failing at once means a key mismatch an operator must fix.
            unopenedCount.increment();
            LOG.warn("{} email for event {} cannot be made: {}", request.usageType(), request.triggeringEventId(),
                    reason);
        }
    }

    /** Returns whether it was recorded now (false: this event's email was recorded before). */
    private boolean recordFailed(UUID id, EmailRequest request, String subject, @Nullable String storedLink,
                                 Instant now, String reason) {
        boolean recorded = notifications.insert(new NotificationRepository.NewNotification(id,
                request.triggeringEventId(), request.usageType(), request.organizationId(), request.invitationId(),
                request.recipient(), subject, storedLink, NotificationStatus.FAILED, null, null, null, now, reason));
        if (recorded) {
            outbox.append(DeliveryOutcomes.emailFailed(id, request.organizationId(), request.usageType().wireName(),
                    request.recipient(), request.triggeringEventId(), reason));
        }
        return recorded;
    }

    /**
     * Whether org-service refused the invitation's grant, as far as this service has heard; holds the invitation's
     * notes to its inviter until this transaction ends (see {@link NotificationRepository#lockInvitationNotes}).
     */
    @Transactional
    public boolean grantRefused(String invitationId) {
        notifications.lockInvitationNotes(invitationId);
        return notifications.grantRefused(invitationId);
    }

    /**
     * Records that org-service refused the invitation's grant, and cancels its mail still waiting (the "accepted"
     * note), under the same hold as {@link #grantRefused}.
     */
    @Transactional
    public void recordGrantRefused(String invitationId) {
        notifications.lockInvitationNotes(invitationId);
        notifications.recordGrantRefused(invitationId);
        cancelInvitationMail(invitationId, null, "its roles were not granted");
    }

    /** The invitation was revoked or expired: its link is dead, so mail still waiting for it is not sent. */
    @Transactional
    public void cancelForInvitation(String invitationId, String reason) {
        cancelInvitationMail(invitationId, null, reason);
    }

    /**
     * A newer message for the invitation renewed its secret, so the link in mail still waiting for an older one
     * is dead. The newer message's own mail is kept, should its event ever be applied again.
     */
    @Transactional
    public void cancelSupersededInvitationMail(String invitationId, UUID newerEventId) {
        cancelInvitationMail(invitationId, newerEventId, "superseded by a newer invitation message");
    }

    private void cancelInvitationMail(String invitationId, @Nullable UUID keptEventId, String reason) {
        int cancelled = notifications.cancelForInvitation(invitationId, keptEventId, reason);
        if (cancelled > 0) {
            LOG.info("Cancelled {} pending email(s) of invitation {}: {}", cancelled, invitationId, reason);
        }
    }

    @Transactional
    public void cancelForOrganization(String organizationId, String reason) {
        int cancelled = notifications.cancelForOrganization(organizationId, reason);
        if (cancelled > 0) {
            LOG.info("Cancelled {} pending email(s) of organization {}: {}", cancelled, organizationId, reason);
        }
    }
}
