package io.documind.invitation.directory;

import io.documind.contracts.events.MembershipRemoved;
import io.documind.invitation.lifecycle.InvitationsToMembers;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

/**
 * MembershipRemoved → the person may be invited again, and an invitation to them still pending from before they
 * joined ends ({@link InvitationsToMembers}); their address is read before the member view forgets it. The removal's
 * version is kept, with that decision, for the acceptances made after it (InvitationAccepted's inviteeVersion).
 */
@Singleton
public class ForgetMember implements EventHandler<MembershipRemoved> {

    private final Directory directory;
    private final InvitationsToMembers invitations;

    public ForgetMember(Directory directory, InvitationsToMembers invitations) {
        this.directory = directory;
        this.invitations = invitations;
    }

    @Override
    public void handle(MembershipRemoved event, EventMetadata metadata) {
        invitations.memberRemoved(event.organizationId(), event.userId());
        directory.forgetMember(event.organizationId(), event.userId(), event.authorityVersion());
    }
}
