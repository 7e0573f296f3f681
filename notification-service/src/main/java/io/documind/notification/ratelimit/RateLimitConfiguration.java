package io.documind.notification.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings under {@code documind.notification.rate-limits}: how many invitation emails may go out per
 * organization and per recipient in a sliding window (OWASP API4: email costs money and reputation).
 */
@ConfigurationProperties("documind.notification.rate-limits")
public class RateLimitConfiguration {

    private int invitationsPerOrganization = 20;
    private Duration organizationWindow = Duration.ofMinutes(1);
    private int invitationsPerRecipient = 5;
    private Duration recipientWindow = Duration.ofHours(1);

    public int getInvitationsPerOrganization() {
        return invitationsPerOrganization;
    }

    public void setInvitationsPerOrganization(int invitationsPerOrganization) {
        this.invitationsPerOrganization = invitationsPerOrganization;
    }

    public Duration getOrganizationWindow() {
        return organizationWindow;
    }

    public void setOrganizationWindow(Duration organizationWindow) {
        this.organizationWindow = organizationWindow;
    }

    public int getInvitationsPerRecipient() {
        return invitationsPerRecipient;
    }

    public void setInvitationsPerRecipient(int invitationsPerRecipient) {
        this.invitationsPerRecipient = invitationsPerRecipient;
    }

    public Duration getRecipientWindow() {
        return recipientWindow;
    }

    public void setRecipientWindow(Duration recipientWindow) {
        this.recipientWindow = recipientWindow;
    }
}
