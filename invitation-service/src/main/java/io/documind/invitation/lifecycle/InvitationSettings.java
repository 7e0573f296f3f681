package io.documind.invitation.lifecycle;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** Settings under {@code documind.invitation}. */
@ConfigurationProperties("documind.invitation")
public class InvitationSettings {

    /** Where the emailed link points; {@code {id}} and {@code {token}} are filled in (DESIGN §7). */
    private String linkTemplate = InvitationLinks.DEFAULT_TEMPLATE;
    private Duration defaultExpiry = Duration.ofDays(7);
    private Duration maxExpiry = Duration.ofDays(30);
    /** Least time between two messages of one invitation; sooner is 429 with Retry-After. */
    private Duration resendCooldown = Duration.ofMinutes(1);
    private int sweepBatchSize = 500;
    /**
     * How long {@code POST /invitations/{id}/accept} waits for the membership it grants (org-service applies
     * InvitationAccepted, and this service hears MembershipCreated) before answering 202 instead of 200. Counted
     * from the acceptance: accepting again later waits only for what is left of it. Zero answers at once.
     */
    private Duration acceptWait = Duration.ofSeconds(5);
    /**
     * How long {@code POST /api/organization-invitations} waits to hear of an organization it does not know yet
     * (created a moment ago: its OrganizationCreated is on its way) before refusing it (422). Zero refuses at once.
     */
    private Duration organizationWait = Duration.ofSeconds(5);
    /**
     * How soon a request waiting for org-service's news (an accept for its membership, an invitation for its
     * organization) looks at the directory again when no arrival on this instance wakes it (the event may be
     * consumed by another instance): a primary-key read. Each later look waits twice as long, up to 100 ms.
     */
    private Duration directoryPollInterval = Duration.ofMillis(5);

    public Duration getAcceptWait() {
        return acceptWait;
    }

    public void setAcceptWait(Duration acceptWait) {
        this.acceptWait = acceptWait;
    }

    public Duration getOrganizationWait() {
        return organizationWait;
    }

    public void setOrganizationWait(Duration organizationWait) {
        this.organizationWait = organizationWait;
    }

    public Duration getDirectoryPollInterval() {
        return directoryPollInterval;
    }

    public void setDirectoryPollInterval(Duration directoryPollInterval) {
        this.directoryPollInterval = directoryPollInterval;
    }

    public String getLinkTemplate() {
        return linkTemplate;
    }

    /** Blank keeps the default, so an empty DOCUMIND_INVITATION_LINK_TEMPLATE means "not set". */
    public void setLinkTemplate(String linkTemplate) {
        this.linkTemplate = linkTemplate == null || linkTemplate.isBlank() ? InvitationLinks.DEFAULT_TEMPLATE : linkTemplate;
    }

    public Duration getDefaultExpiry() {
        return defaultExpiry;
    }

    public void setDefaultExpiry(Duration defaultExpiry) {
        this.defaultExpiry = defaultExpiry;
    }

    public Duration getMaxExpiry() {
        return maxExpiry;
    }

    public void setMaxExpiry(Duration maxExpiry) {
        this.maxExpiry = maxExpiry;
    }

    public Duration getResendCooldown() {
        return resendCooldown;
    }

    public void setResendCooldown(Duration resendCooldown) {
        this.resendCooldown = resendCooldown;
    }

    public int getSweepBatchSize() {
        return sweepBatchSize;
    }

    public void setSweepBatchSize(int sweepBatchSize) {
        this.sweepBatchSize = sweepBatchSize;
    }
}
