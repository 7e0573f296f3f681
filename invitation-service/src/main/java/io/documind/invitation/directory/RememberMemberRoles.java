package io.documind.invitation.directory;

import io.documind.contracts.events.MemberRolesChanged;
import io.documind.invitation.lifecycle.InvitationsToMembers;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * MemberRolesChanged → the member view's roles: an accept that gives an existing member more roles (org-service adds
 * them and announces the new set) answers once the member holds them. An invitation to the member still pending from
 * before they joined, granting more than the new roles, ends ({@link InvitationsToMembers}).
 */
@Singleton
public class RememberMemberRoles implements EventHandler<MemberRolesChanged> {

    private final Directory directory;
    private final Arrivals arrivals;
    private final InvitationsToMembers invitations;

    public RememberMemberRoles(Directory directory, Arrivals arrivals, InvitationsToMembers invitations) {
        this.directory = directory;
        this.arrivals = arrivals;
        this.invitations = invitations;
    }

    @Override
    public void handle(MemberRolesChanged event, EventMetadata metadata) {
        List<String> roles = event.roles() == null ? List.of() : event.roles();
        directory.changeMemberRoles(event.organizationId(), event.userId(), roles, event.authorityVersion());
        invitations.memberRolesChanged(event.organizationId(), event.userId(),
                event.scopes() == null ? List.of() : event.scopes(), roles);
        arrivals.memberArrived(event.organizationId(), event.userId());
    }
}
