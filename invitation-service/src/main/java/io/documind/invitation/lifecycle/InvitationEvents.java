package io.documind.invitation.lifecycle;

import io.documind.contracts.events.Actor;
import io.documind.contracts.events.InvitationAccepted;
import io.documind.contracts.events.InvitationCreated;
import io.documind.contracts.events.InvitationExpired;
import io.documind.contracts.events.InvitationMessageRequested;
import io.documind.contracts.events.InvitationRevoked;
import io.documind.invitation.directory.Directory;
import io.documind.invitation.directory.KnownMember;
import io.documind.invitation.limits.MailBacklog;
import io.documind.kit.outbox.Outbox;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * Records the lifecycle's events in the outbox; call it inside the transaction that made the change. The
 * organization's mail backlog follows them: an email requested waits, a final invitation's email is moot.
 */
@Singleton
public class InvitationEvents {

    private final Outbox outbox;
    private final LinkSealer sealer;
    private final MailBacklog backlog;
    private final Directory directory;

    public InvitationEvents(Outbox outbox, LinkSealer sealer, MailBacklog backlog, Directory directory) {
        this.outbox = outbox;
        this.sealer = sealer;
        this.backlog = backlog;
        this.directory = directory;
    }

    public void created(Invitation i) {
        outbox.append(new InvitationCreated(i.id().toString(), i.organizationId(), i.invitee(), i.roleNames(),
                i.inviter(), i.expiresAt()), subject(i));
    }

    /**
     * The link carries the one-time secret: this event is the only place it ever leaves the service, and only
     * sealed for notification-service.
     */
    public void messageRequested(Invitation i, String organizationName, String link) {
        UUID eventId = outbox.append(new InvitationMessageRequested(i.id().toString(), i.organizationId(),
                organizationName, i.invitee(), sealer.seal(i.id(), link), i.inviter(), i.roleNames(), i.expiresAt()),
                subject(i));
        backlog.requested(i.id(), i.organizationId(), eventId);
    }

    /**
     * {@code emailProved}: accepted with the emailed secret by the invitee's account itself. {@code grantorId}: whose
     * organization token vouched for the roles last, null for a management token (see InvitationAccepted). Call it
     * holding the invitation's row: a removal or role change of the invitee ends the invitation under that lock, so
     * the change it names as applied is the one the acceptance was decided on.
     */
    public void accepted(Invitation i, boolean emailProved, @Nullable String grantorId) {
        outbox.append(new InvitationAccepted(i.id().toString(), i.organizationId(), i.acceptedUserId(), i.invitee(),
                i.roleNames(), inviterNow(i), emailProved, i.roleIds(), grantorId,
                directory.newestMemberChange(i.organizationId(), i.acceptedUserId())), subject(i));
        backlog.moot(i.id());
    }

    /**
     * The inviter as the acceptance note should see it: at the address the member view knows now (an address changed
     * since the invitation, or missing because an organization token invited before org-service's events about its
     * member arrived), and with none when the inviter is no longer a member (removed, or deleted): the note would
     * tell a former member, or a dead address, who joined and with which roles.
     */
    private Actor inviterNow(Invitation i) {
        Actor inviter = i.inviter();
        if (inviter == null) {
            return null;
        }
        return new Actor(inviter.userId(), directory.member(i.organizationId(), inviter.userId())
                .map(KnownMember::email).orElse(null));
    }

    public void revoked(Invitation i) {
        outbox.append(new InvitationRevoked(i.id().toString(), i.organizationId(), i.invitee()), subject(i));
        backlog.moot(i.id());
    }

    public void expired(Invitation i) {
        outbox.append(new InvitationExpired(i.id().toString(), i.organizationId(), i.invitee()), subject(i));
        backlog.moot(i.id());
    }

    private static String subject(Invitation i) {
        return "invitation/" + i.id();
    }
}
