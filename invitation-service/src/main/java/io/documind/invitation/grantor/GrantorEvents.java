package io.documind.invitation.grantor;

import io.documind.contracts.events.ApplicationDeleted;
import io.documind.contracts.events.ApplicationRemovedFromOrganization;
import io.documind.contracts.events.ApplicationRolesChanged;
import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.events.MemberRolesChanged;
import io.documind.contracts.events.MembershipRemoved;
import io.documind.contracts.events.UserDeleted;
import io.documind.contracts.events.UserSuspended;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The org-service events that take authority from a member or an application, each revoking the pending invitations
 * it vouched for that it could no longer grant ({@link Grantors}). One bean per event type, as the consumer indexes
 * handlers by type; they run beside the directory's own handlers of the same events, in the event's transaction.
 */
@Factory
class GrantorEvents {

    /** What the event takes away from a grantor, applied to what it vouched for. */
    static void apply(Grantors grantors, DomainEvent event) {
        switch (event) {
            case MembershipRemoved e ->
                    grantors.revokeAll(e.userId(), e.organizationId(), "its grantor left the organization");
            case UserDeleted e -> grantors.revokeAll(e.userId(), null, "its grantor was deleted");
            case UserSuspended e -> grantors.revokeAll(e.userId(), null, "its grantor was suspended");
            // The event's roles, not the member view's, so the order among this event's handlers does not matter.
            case MemberRolesChanged e -> grantors.revokeUncovered(e.userId(), e.organizationId(), orNone(e.scopes()),
                    orNone(e.roles()), true);
            case ApplicationRemovedFromOrganization e ->
                    grantors.revokeAll(e.applicationId(), e.organizationId(), "its grantor left the organization");
            case ApplicationDeleted e -> grantors.revokeAll(e.applicationId(), null, "its grantor was deleted");
            case ApplicationRolesChanged e -> grantors.revokeUncovered(e.applicationId(), e.organizationId(),
                    orNone(e.scopes()), orNone(e.roles()), false);
            default -> throw new IllegalArgumentException("no grantor effect for " + event.getClass().getSimpleName());
        }
    }

    private static List<String> orNone(List<String> values) {
        return values == null ? List.of() : values;
    }

    @Singleton
    EventHandler<MembershipRemoved> membershipRemoved(Grantors grantors) {
        return new GrantorHandler<>(grantors, MembershipRemoved.class);
    }

    @Singleton
    EventHandler<UserDeleted> userDeleted(Grantors grantors) {
        return new GrantorHandler<>(grantors, UserDeleted.class);
    }

    @Singleton
    EventHandler<UserSuspended> userSuspended(Grantors grantors) {
        return new GrantorHandler<>(grantors, UserSuspended.class);
    }

    @Singleton
    EventHandler<MemberRolesChanged> memberRolesChanged(Grantors grantors) {
        return new GrantorHandler<>(grantors, MemberRolesChanged.class);
    }

    @Singleton
    EventHandler<ApplicationRemovedFromOrganization> applicationRemoved(Grantors grantors) {
        return new GrantorHandler<>(grantors, ApplicationRemovedFromOrganization.class);
    }

    @Singleton
    EventHandler<ApplicationDeleted> applicationDeleted(Grantors grantors) {
        return new GrantorHandler<>(grantors, ApplicationDeleted.class);
    }

    @Singleton
    EventHandler<ApplicationRolesChanged> applicationRolesChanged(Grantors grantors) {
        return new GrantorHandler<>(grantors, ApplicationRolesChanged.class);
    }

    /**
     * Its event type is a value (one class serves every grantor event), answering {@link EventHandler#eventType()}.
     * It runs before the directory's handlers of the same event (after the kit's authority floors): it takes the
     * grantor's lock, and a creation holds the grantor's share before the invitee's lock that a removal's handler
     * takes ({@code InvitationRepository#holdInvitationsTo}); the other way round, a member inviting their own address
     * while being removed deadlocked with the removal.
     */
    private record GrantorHandler<T extends DomainEvent>(Grantors grantors, Class<T> eventType)
            implements EventHandler<T>, Ordered {

        @Override
        public void handle(T event, EventMetadata metadata) {
            apply(grantors, event);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE + 1000;
        }
    }
}
