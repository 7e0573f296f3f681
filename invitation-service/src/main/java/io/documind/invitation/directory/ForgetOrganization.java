package io.documind.invitation.directory;

import io.documind.contracts.events.OrganizationDeleted;
import io.documind.invitation.lifecycle.InvitationEvents;
import io.documind.invitation.lifecycle.InvitationRepository;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

import java.time.Clock;

/** OrganizationDeleted → no new invitations to it, and its pending ones are revoked (InvitationRevoked each). */
@Singleton
public class ForgetOrganization implements EventHandler<OrganizationDeleted> {

    private final Directory directory;
    private final InvitationRepository invitations;
    private final InvitationEvents events;
    private final Clock clock;

    public ForgetOrganization(Directory directory, InvitationRepository invitations, InvitationEvents events,
                              Clock clock) {
        this.directory = directory;
        this.invitations = invitations;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void handle(OrganizationDeleted event, EventMetadata metadata) {
        directory.forgetOrganization(event.organizationId());
        invitations.revokePendingOf(event.organizationId(), clock.instant()).forEach(events::revoked);
    }
}
