package io.documind.invitation.acceptance;

import io.documind.invitation.directory.Directory;
import io.documind.invitation.grantor.Grantors;
import io.documind.invitation.lifecycle.Invitation;
import io.documind.invitation.lifecycle.InvitationEvents;
import io.documind.invitation.lifecycle.InvitationRepository;
import io.documind.invitation.lifecycle.InvitationRules;
import io.documind.invitation.lifecycle.InvitationStatus;
import io.documind.invitation.lifecycle.LinkSecrets;
import io.documind.kit.web.ProblemException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The invitee's side. Both the link's secret and a signed-in user who proved the invitee's email are needed
 * to accept: the secret alone could be forwarded, the email alone could be anyone's guess, and an address not yet
 * proved is only what whoever signed up typed (with a forwarded or leaked link, anyone could sign up as the invitee
 * before the invitee does).
 */
@Singleton
public class AcceptanceService {

    private final InvitationRepository invitations;
    private final Directory directory;
    private final InvitationEvents events;
    private final InvitationRules rules;
    private final Grantors grantors;
    private final Clock clock;

    public AcceptanceService(InvitationRepository invitations, Directory directory, InvitationEvents events,
                             InvitationRules rules, Grantors grantors, Clock clock) {
        this.invitations = invitations;
        this.directory = directory;
        this.events = events;
        this.rules = rules;
        this.grantors = grantors;
        this.clock = clock;
    }

    /** What the landing page shows; without the current secret the invitation does not exist (404). */
    @Transactional
    public InvitationLanding landing(UUID id, String token) {
        return view(holding(id, token, false));
    }

    /**
     * Accepts once: InvitationAccepted is written with the status change, under the row lock, so concurrent
     * accepts of one invitation give exactly one event. The same user accepting again gets the same answer
     * and changes nothing. The membership follows from the event ({@link MembershipWait}).
     */
    @Transactional
    public Acceptance accept(UUID id, String token, Invitee user) {
        Invitation invitation = holding(id, token, true);
        if (user.email() == null || user.email().isBlank()) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Your account has no email address to match the invitation");
        }
        if (!invitations.sameMailbox(user.email(), invitation.invitee())) {
            throw new ProblemException(HttpStatus.FORBIDDEN,
                    "This invitation is for another email address; sign in as the invitee");
        }
        if (!user.emailVerified()) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Verify your email address first (the code emailed at "
                    + "sign-up, POST /me/email-verification), then accept with a token issued after that");
        }
        Instant now = clock.instant();
        if (invitation.statusAt(now) == InvitationStatus.Accepted
                && user.userId().equals(invitation.acceptedUserId())) {
            return new Acceptance(view(invitation), user.userId(), invitation.updatedAt(), invitation.roles());
        }
        rules.requireChangeable(invitation, now);
        Invitation accepted = invitations.changeStatus(id, InvitationStatus.Accepted, user.userId(), now);
        events.accepted(accepted, true, grantors.grantorOf(id).orElse(null));
        return new Acceptance(view(accepted), user.userId(), accepted.updatedAt(), accepted.roles());
    }

    /** The invitation whose current secret the token is; 404 otherwise, as if it did not exist. */
    private Invitation holding(UUID id, String token, boolean lock) {
        return (lock ? invitations.findForUpdate(id) : invitations.find(id))
                .filter(i -> LinkSecrets.matches(token, i.secretHash()))
                .orElseThrow(() -> ProblemException.notFound("Invitation"));
    }

    private InvitationLanding view(Invitation invitation) {
        return InvitationLanding.of(invitation, directory.organizationName(invitation.organizationId()),
                clock.instant());
    }
}
