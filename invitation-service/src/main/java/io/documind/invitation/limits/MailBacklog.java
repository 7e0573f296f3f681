package io.documind.invitation.limits;

import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * Which invitation emails notification-service has not sent yet, learnt from events alone (DESIGN §2: its tables
 * are not ours): marked when the message is requested, cleared by EmailSent / EmailFailed naming that request, or
 * when the invitation is revoked, expires or is accepted. Each call joins the caller's transaction.
 */
@Singleton
public class MailBacklog {

    private final WaitingMailRepository waiting;

    public MailBacklog(WaitingMailRepository waiting) {
        this.waiting = waiting;
    }

    /** {@code eventId}: the InvitationMessageRequested just written to the outbox. */
    public void requested(UUID invitationId, String organizationId, UUID eventId) {
        waiting.requested(invitationId, organizationId, eventId);
    }

    /** EmailSent or EmailFailed for the request {@code triggeringEventId}; other emails' events change nothing. */
    public void answered(String triggeringEventId) {
        if (triggeringEventId == null) {
            return;
        }
        try {
            waiting.answered(UUID.fromString(triggeringEventId));
        } catch (IllegalArgumentException notOurs) {
            // Not an outbox event id of ours: nothing of ours waits for it.
        }
    }

    /** The invitation is final: its email is cancelled or no longer worth holding invitations back for. */
    public void moot(UUID invitationId) {
        waiting.moot(invitationId);
    }

    public long waitingOf(String organizationId) {
        return waiting.countOf(organizationId);
    }
}
