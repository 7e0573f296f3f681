package io.documind.invitation.directory;

import io.documind.contracts.events.MemberRolesChanged;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * MemberRolesChanged → the member view's roles: an accept that gives an existing member more roles (org-service adds
 * them and announces the new set) answers once the member holds them.
 */
@Singleton
public class RememberMemberRoles implements EventHandler<MemberRolesChanged> {

    private final Directory directory;
    private final Arrivals arrivals;

    public RememberMemberRoles(Directory directory, Arrivals arrivals) {
        this.directory = directory;
        this.arrivals = arrivals;
    }

    @Override
    public void handle(MemberRolesChanged event, EventMetadata metadata) {
        directory.changeMemberRoles(event.organizationId(), event.userId(),
                event.roles() == null ? List.of() : event.roles());
        arrivals.memberArrived(event.organizationId(), event.userId());
    }
}
