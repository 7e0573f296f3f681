package io.documind.org.membership;

import io.documind.contracts.events.InvitationAccepted;
import io.documind.contracts.events.MembershipSource;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import io.documind.org.identity.UserService;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * InvitationAccepted → a membership with the invitation's roles (by template id, by name where the id is unknown),
 * or those roles added to an existing member; and, when the invitee accepted with the emailed secret itself, its
 * address counts as verified.
 */
@Singleton
public class InvitationAcceptedMakesMember implements EventHandler<InvitationAccepted> {

    private final MembershipService memberships;
    private final UserService users;

    public InvitationAcceptedMakesMember(MembershipService memberships, UserService users) {
        this.memberships = memberships;
        this.users = users;
    }

    @Override
    public void handle(InvitationAccepted event, EventMetadata metadata) {
        // By id where the invitation knew it: a role renamed since is still granted, another that took its old
        // name is not.
        memberships.addMember(UUID.fromString(event.organizationId()), event.acceptedUserId(), event.invitee(),
                event.grantedByNames(), event.grantedByIds().stream().map(UUID::fromString).toList(),
                MembershipSource.INVITATION);
        if (event.emailProved()) {
            users.markEmailVerified(event.acceptedUserId(), event.invitee());
        }
    }
}
