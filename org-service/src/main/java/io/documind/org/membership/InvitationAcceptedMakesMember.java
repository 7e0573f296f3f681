package io.documind.org.membership;

import io.documind.contracts.events.InvitationAcceptanceRefused;
import io.documind.contracts.events.InvitationAccepted;
import io.documind.contracts.events.InvitationGrantRefused;
import io.documind.contracts.events.MembershipSource;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import io.documind.kit.outbox.Outbox;
import io.documind.org.identity.UserService;
import io.documind.org.organization.OrganizationRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * InvitationAccepted → a membership with the invitation's roles (by template id, by name where the id is unknown),
 * or those roles added to an existing member, while the invitation's grantor still holds them
 * ({@link InvitationGrantor}), else InvitationGrantRefused, so invitation-service can tell the invitee instead of
 * keeping it waiting for a membership that will not come; InvitationAcceptanceRefused instead when the organization
 * removed the invitee or changed its roles before invitation-service heard of it ({@link InviteeChanges}); and, when
 * the invitee accepted with the emailed secret itself, its address counts as verified.
 */
@Singleton
public class InvitationAcceptedMakesMember implements EventHandler<InvitationAccepted> {

    private static final Logger LOG = LoggerFactory.getLogger(InvitationAcceptedMakesMember.class);

    private final MembershipService memberships;
    private final InvitationGrantor grantors;
    private final InviteeChanges invitees;
    private final OrganizationRepository organizations;
    private final UserService users;
    private final Outbox outbox;

    InvitationAcceptedMakesMember(MembershipService memberships, InvitationGrantor grantors, InviteeChanges invitees,
                                  OrganizationRepository organizations, UserService users, Outbox outbox) {
        this.memberships = memberships;
        this.grantors = grantors;
        this.invitees = invitees;
        this.organizations = organizations;
        this.users = users;
        this.outbox = outbox;
    }

    @Override
    public void handle(InvitationAccepted event, EventMetadata metadata) {
        UUID organizationId = UUID.fromString(event.organizationId());
        // By id where the invitation knew it: a role renamed since is still granted, another that took its old
        // name is not.
        List<UUID> roleIds = event.grantedByIds().stream().map(UUID::fromString).toList();
        List<String> roleNames = event.grantedByNames();
        // The lock order: the organization's row (the invitee's and the grantor's checks), then the invitee's user
        // row (its email marked verified), then the member's row (the grant). A user's deletion takes the user's row
        // and then its memberships, and another acceptance vouched for by this invitee takes the organization's row
        // and then shares the invitee's: taken the other way round, either deadlocked with this one.
        // Locked once for both checks; a gone organization passes them: no membership is made anyway
        // (MembershipService says so).
        boolean organizationGone = organizations.lock(organizationId).isEmpty();
        OptionalLong unseen = organizationGone ? OptionalLong.empty()
                : invitees.unseenBy(organizationId, event.acceptedUserId(), event.inviteeVersion());
        boolean granted = unseen.isEmpty() && (organizationGone || event.grantorId() == null
                || grantors.stillGrants(organizationId, event.grantorId(), roleIds, roleNames));
        if (event.emailProved()) {
            users.markEmailVerified(event.acceptedUserId(), event.invitee());
        }
        if (unseen.isPresent()) {
            LOG.warn("Invitation {} was accepted before invitation-service heard that organization {} removed {} or "
                    + "changed its roles: no membership", event.invitationId(), organizationId, event.acceptedUserId());
            outbox.append(new InvitationAcceptanceRefused(event.invitationId(), event.organizationId(),
                    event.acceptedUserId(), event.invitee(), event.roles(), unseen.getAsLong()));
        } else if (!granted) {
            LOG.warn("Invitation {} was accepted, but {} who vouched for its roles no longer holds them in organization "
                    + "{}: no membership", event.invitationId(), event.grantorId(), organizationId);
            outbox.append(new InvitationGrantRefused(event.invitationId(), event.organizationId(),
                    event.acceptedUserId(), event.grantorId(), event.invitee(), event.roles(),
                    grantors.inviterToTell(organizationId, event.inviter())));
        } else {
            memberships.addMember(organizationId, event.acceptedUserId(), event.invitee(), roleNames, roleIds,
                    MembershipSource.INVITATION);
        }
    }
}
