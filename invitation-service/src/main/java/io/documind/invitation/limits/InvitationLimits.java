package io.documind.invitation.limits;

import io.documind.kit.web.ProblemException;
import io.documind.kit.web.SpokenDuration;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Admits an organization's next invitation message, or refuses it with 429 and when to try again: the rate per
 * organization, a new organization's first-day allowance, and the bound on its mail still waiting. Runs in the
 * transaction that creates or re-sends, so a refusal writes nothing and an admission counts only if it commits.
 */
@Singleton
public class InvitationLimits {

    private final InvitationMessageRepository messages;
    private final OrganizationBirthRepository births;
    private final MailBacklog backlog;
    private final InvitationLimitSettings settings;

    public InvitationLimits(InvitationMessageRepository messages, OrganizationBirthRepository births,
                            MailBacklog backlog, InvitationLimitSettings settings) {
        this.messages = messages;
        this.births = births;
        this.backlog = backlog;
        this.settings = settings;
    }

    /**
     * Takes the organization's admission lock now (until the transaction ends) for a caller that must hold it before
     * other locks; {@link #admit} takes it again at no cost.
     */
    public void holdAdmissions(String organizationId) {
        messages.lockOrganization(organizationId);
    }

    /** {@code emails}: the message asks for an email (a creation may not), so the backlog bound applies. */
    public void admit(String organizationId, boolean emails, Instant now) {
        holdAdmissions(organizationId);
        if (emails && backlog.waitingOf(organizationId) >= settings.getMailBacklog()) {
            throw ProblemException.tooManyRequests("The organization has " + settings.getMailBacklog()
                    + " or more invitation emails still waiting to be sent; invite again once they have gone out",
                    settings.getMailBacklogRetryAfter());
        }
        Duration window = settings.getMessagesWindow();
        Duration firstDay = settings.getNewOrganizationPeriod();
        Instant horizon = now.minus(window.compareTo(firstDay) > 0 ? window : firstDay);
        messages.forgetBefore(organizationId, horizon);
        List<Instant> recent = messages.since(organizationId, horizon).stream().map(InvitationMessage::sentAt).toList();

        List<Instant> inWindow = recent.stream().filter(t -> t.isAfter(now.minus(window))).toList();
        int limit = settings.getMessagesPerOrganization();
        if (inWindow.size() >= limit) {
            // Room again when the message that makes the count reach the limit leaves the window.
            Instant freed = inWindow.get(inWindow.size() - limit).plus(window);
            throw ProblemException.tooManyRequests("The organization sent " + limit + " invitations within "
                    + SpokenDuration.of(window) + "; try again later", Duration.between(now, freed));
        }
        births.findById(organizationId).map(OrganizationBirth::createdAt)
                .filter(born -> now.isBefore(born.plus(firstDay)))
                .ifPresent(born -> {
                    long sinceBirth = recent.stream().filter(t -> !t.isBefore(born)).count();
                    if (sinceBirth >= settings.getNewOrganizationMessages()) {
                        throw ProblemException.tooManyRequests("A new organization may send "
                                + settings.getNewOrganizationMessages() + " invitations in its first "
                                + SpokenDuration.of(firstDay) + "; try again later",
                                Duration.between(now, born.plus(firstDay)));
                    }
                });
        messages.save(new InvitationMessage(UUID.randomUUID(), organizationId, now));
    }
}
