package io.documind.invitation.acceptance;

import io.documind.invitation.directory.Directory;
import io.documind.invitation.directory.KnownOrganization;
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
 * The invitee's side. Both the link's secret and a signed-in user whose email is the invitee's are needed
 * to accept: the secret alone could be forwarded, the email alone could be anyone's guess.
 */
@Singleton
public class AcceptanceService {

    private final InvitationRepository invitations;
    private final Directory directory;
    private final InvitationEvents events;
    private final Clock clock;

    public AcceptanceService(InvitationRepository invitations, Directory directory, InvitationEvents events,
                             Clock clock) {
        this.invitations = invitations;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
    }

    /** What the landing page shows; without the current secret the invitation does not exist (404). */
    @Transactional
    public InvitationLanding landing(UUID id, String token) {
        Invitation invitation = invitations.find(id)
                .filter(i -> LinkSecrets.matches(token, i.secretHash()))
                .orElseThrow(() -> ProblemException.notFound("Invitation"));
        return view(invitation);
    }

    /**
     * Accepts once: InvitationAccepted is written with the status change, under the row lock, so concurrent
     * accepts of one invitation give exactly one event. The same user accepting again gets the same answer
     * and changes nothing.
     */
    @Transactional
    public InvitationLanding accept(UUID id, String token, Invitee user) {
        Invitation invitation = invitations.findForUpdate(id)
                .filter(i -> LinkSecrets.matches(token, i.secretHash()))
                .orElseThrow(() -> ProblemException.notFound("Invitation"));
        if (user.email() == null || user.email().isBlank()) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Your account has no email address to match the invitation");
        }
        if (!InvitationRules.sameEmail(user.email(), invitation.invitee())) {
            throw new ProblemException(HttpStatus.FORBIDDEN,
                    "This invitation is for another email address; sign in as the invitee");
        }
        Instant now = clock.instant();
        InvitationStatus status = invitation.statusAt(now);
        if (status == InvitationStatus.Accepted && user.userId().equals(invitation.acceptedUserId())) {
            return view(invitation);
        }
        if (status.isFinal()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "The invitation is " + status, "status");
        }
        Invitation accepted = invitations.changeStatus(id, InvitationStatus.Accepted, user.userId(), now);
        events.accepted(accepted);
        return view(accepted);
    }

    private InvitationLanding view(Invitation invitation) {
        String organizationName = directory.organization(invitation.organizationId())
                .map(KnownOrganization::name).orElse(null);
        return InvitationLanding.of(invitation, organizationName, clock.instant());
    }
}
