package io.documind.kit.authority;

import io.documind.contracts.events.ApplicationDeleted;
import io.documind.contracts.events.ApplicationRemovedFromOrganization;
import io.documind.contracts.events.ApplicationRolesChanged;
import io.documind.contracts.events.ApplicationSecretRotated;
import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.events.MemberRolesChanged;
import io.documind.contracts.events.MembershipRemoved;
import io.documind.contracts.events.OrganizationDeleted;
import io.documind.contracts.events.PasswordChanged;
import io.documind.contracts.events.UserDeleted;
import io.documind.contracts.events.UserSuspended;
import io.documind.contracts.events.UserUpdated;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;

/**
 * The org-service events that shrink authority, each raising one floor, registered in every service (org-service
 * too: its own API refuses the same tokens). They run before a service's own handlers of the same event, in a
 * transaction of their own on every delivery (see {@link FloorHandler}), so a floor is stored even when those
 * handlers fail for good. The
 * service that appends one of them (org-service) also raises its floor in the appending transaction
 * ({@link AppendedFloors}); the same event consumed later then changes nothing.
 */
@Factory
class FloorEvents {

    /** The floor an event raises, or null for an event that raises none (a rename's UserUpdated, any other type). */
    static Floor floorOf(DomainEvent event) {
        return switch (event) {
            case MembershipRemoved e ->
                    Floor.membership(e.userId(), e.organizationId(), e.authorityVersion(), Cause.MembershipRemoved);
            case MemberRolesChanged e ->
                    Floor.membership(e.userId(), e.organizationId(), e.authorityVersion(), Cause.MemberRolesChanged);
            case OrganizationDeleted e -> Floor.organizationDeleted(e.organizationId());
            case UserDeleted e -> Floor.subject(e.userId(), e.authorityVersion(), Cause.UserDeleted);
            case UserSuspended e -> Floor.subject(e.userId(), e.authorityVersion(), Cause.UserSuspended);
            case PasswordChanged e -> Floor.subject(e.userId(), e.authorityVersion(), Cause.PasswordChanged);
            // Only a changed email raises the floor (the event then carries a version); a rename shrinks nothing.
            case UserUpdated e -> e.authorityVersion() == null ? null
                    : Floor.subject(e.userId(), e.authorityVersion(), Cause.EmailChanged);
            case ApplicationDeleted e ->
                    Floor.subject(e.applicationId(), e.authorityVersion(), Cause.ApplicationDeleted);
            case ApplicationSecretRotated e ->
                    Floor.subject(e.applicationId(), e.authorityVersion(), Cause.ApplicationSecretRotated);
            // An application's organization tokens, as a member's: the (application, organization) floor.
            case ApplicationRemovedFromOrganization e -> Floor.membership(e.applicationId(), e.organizationId(),
                    e.authorityVersion(), Cause.ApplicationRemovedFromOrganization);
            case ApplicationRolesChanged e -> Floor.membership(e.applicationId(), e.organizationId(),
                    e.authorityVersion(), Cause.ApplicationRolesChanged);
            default -> null;
        };
    }

    @Singleton
    EventHandler<MembershipRemoved> membershipRemoved(FloorStore store) {
        return new FloorHandler<>(store, MembershipRemoved.class);
    }

    @Singleton
    EventHandler<MemberRolesChanged> memberRolesChanged(FloorStore store) {
        return new FloorHandler<>(store, MemberRolesChanged.class);
    }

    @Singleton
    EventHandler<OrganizationDeleted> organizationDeleted(FloorStore store) {
        return new FloorHandler<>(store, OrganizationDeleted.class);
    }

    @Singleton
    EventHandler<UserDeleted> userDeleted(FloorStore store) {
        return new FloorHandler<>(store, UserDeleted.class);
    }

    @Singleton
    EventHandler<UserSuspended> userSuspended(FloorStore store) {
        return new FloorHandler<>(store, UserSuspended.class);
    }

    @Singleton
    EventHandler<PasswordChanged> passwordChanged(FloorStore store) {
        return new FloorHandler<>(store, PasswordChanged.class);
    }

    @Singleton
    EventHandler<UserUpdated> userUpdated(FloorStore store) {
        return new FloorHandler<>(store, UserUpdated.class);
    }

    @Singleton
    EventHandler<ApplicationDeleted> applicationDeleted(FloorStore store) {
        return new FloorHandler<>(store, ApplicationDeleted.class);
    }

    @Singleton
    EventHandler<ApplicationSecretRotated> applicationSecretRotated(FloorStore store) {
        return new FloorHandler<>(store, ApplicationSecretRotated.class);
    }

    @Singleton
    EventHandler<ApplicationRemovedFromOrganization> applicationRemovedFromOrganization(FloorStore store) {
        return new FloorHandler<>(store, ApplicationRemovedFromOrganization.class);
    }

    @Singleton
    EventHandler<ApplicationRolesChanged> applicationRolesChanged(FloorStore store) {
        return new FloorHandler<>(store, ApplicationRolesChanged.class);
    }

    /**
     * Independent of the service's own handlers of its event: in a transaction of its own, before them, on every
     * delivery (raising a floor is idempotent: a lower version never replaces a higher one). Were it in their
     * transaction, a handler failing for good would send the event to the dead-letter topic with its floor, and the
     * older tokens would keep working until they expire. First in order too. Its event type is a value (one class
     * serves every floor event), so the record's {@code eventType} accessor answers {@link EventHandler#eventType()}.
     */
    private record FloorHandler<T extends DomainEvent>(FloorStore store, Class<T> eventType)
            implements EventHandler<T>, Ordered {

        @Override
        public boolean independent() {
            return true;
        }

        @Override
        public void handle(T event, EventMetadata metadata) {
            Floor raised = floorOf(event);
            if (raised != null) { // an event of a type that shrinks authority only sometimes (UserUpdated)
                store.raise(raised);
            }
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
