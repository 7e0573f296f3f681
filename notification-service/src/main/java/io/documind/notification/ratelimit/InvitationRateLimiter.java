package io.documind.notification.ratelimit;

import io.documind.notification.delivery.NotificationRepository;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Gives an invitation email its slot under the per-organization and per-recipient limits. */
@Singleton
public class InvitationRateLimiter {

    private final NotificationRepository notifications;
    private final RateLimitConfiguration config;

    public InvitationRateLimiter(NotificationRepository notifications, RateLimitConfiguration config) {
        this.notifications = notifications;
        this.config = config;
    }

    /** Must run in the transaction that records the email: the window locks last until it ends. */
    public Instant slotFor(@Nullable String organizationId, String recipient, Instant now) {
        notifications.lockRateWindows(organizationId, recipient);
        List<SendSlots.Limit> limits = new ArrayList<>(2);
        if (organizationId != null) {
            limits.add(new SendSlots.Limit(config.getInvitationsPerOrganization(), config.getOrganizationWindow(),
                    notifications.slotsOfOrganization(organizationId, now.minus(config.getOrganizationWindow()))));
        }
        limits.add(new SendSlots.Limit(config.getInvitationsPerRecipient(), config.getRecipientWindow(),
                notifications.slotsOfRecipient(recipient, now.minus(config.getRecipientWindow()))));
        // The database keeps microseconds: a slot must compare equal after the round trip.
        return SendSlots.earliest(now.truncatedTo(ChronoUnit.MICROS), limits);
    }
}
