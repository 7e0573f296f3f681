package io.documind.invitation.limits;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings under {@code documind.invitation.limits} (OWASP API4): each invitation email costs the platform money
 * and reputation, and carries an organization name its creator chose. Defaults no real organization meets.
 */
@ConfigurationProperties("documind.invitation.limits")
public class InvitationLimitSettings {

    /** Invitation messages (creations and sends-again) per organization in any {@link #messagesWindow}. */
    private int messagesPerOrganization = 100;
    private Duration messagesWindow = Duration.ofHours(1);
    /** All an organization may send in its first {@link #newOrganizationPeriod}: organizations are cheap. */
    private int newOrganizationMessages = 30;
    private Duration newOrganizationPeriod = Duration.ofDays(1);
    /** Invitation emails of one organization waiting to be sent before new ones are refused (none dropped). */
    private int mailBacklog = 50;
    /** The backlog drains at notification-service's pace, which this service does not know: a fixed hint. */
    private Duration mailBacklogRetryAfter = Duration.ofMinutes(1);

    public int getMessagesPerOrganization() {
        return messagesPerOrganization;
    }

    public void setMessagesPerOrganization(int messagesPerOrganization) {
        this.messagesPerOrganization = messagesPerOrganization;
    }

    public Duration getMessagesWindow() {
        return messagesWindow;
    }

    public void setMessagesWindow(Duration messagesWindow) {
        this.messagesWindow = messagesWindow;
    }

    public int getNewOrganizationMessages() {
        return newOrganizationMessages;
    }

    public void setNewOrganizationMessages(int newOrganizationMessages) {
        this.newOrganizationMessages = newOrganizationMessages;
    }

    public Duration getNewOrganizationPeriod() {
        return newOrganizationPeriod;
    }

    public void setNewOrganizationPeriod(Duration newOrganizationPeriod) {
        this.newOrganizationPeriod = newOrganizationPeriod;
    }

    public int getMailBacklog() {
        return mailBacklog;
    }

    public void setMailBacklog(int mailBacklog) {
        this.mailBacklog = mailBacklog;
    }

    public Duration getMailBacklogRetryAfter() {
        return mailBacklogRetryAfter;
    }

    public void setMailBacklogRetryAfter(Duration mailBacklogRetryAfter) {
        this.mailBacklogRetryAfter = mailBacklogRetryAfter;
    }
}
