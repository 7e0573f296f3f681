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

import java.util.function.Function;

/**
 * The org-service events that shrink authority, each raising one floor, registered in every service (org-service
 * too: its own API refuses the same tokens). They run beside a service's own handlers of the same event, in the
 * transaction that records the event id, so a floor is stored exactly when the event counts as applied.
 */
@Factory
class FloorEvents {

    @Singleton
    EventHandler<MembershipRemoved> membershipRemoved(FloorStore store) {
        return handler(store, MembershipRemoved.class, e ->
                Floor.membership(e.userId(), e.organizationId(), e.authorityVersion(), Cause.MembershipRemoved));
    }

    @Singleton
    EventHandler<MemberRolesChanged> memberRolesChanged(FloorStore store) {
        return handler(store, MemberRolesChanged.class, e ->
                Floor.membership(e.userId(), e.organizationId(), e.authorityVersion(), Cause.MemberRolesChanged));
    }

    @Singleton
    EventHandler<OrganizationDeleted> organizationDeleted(FloorStore store) {
        return handler(store, OrganizationDeleted.class, e -> Floor.organizationDeleted(e.organizationId()));
    }

    @Singleton
    EventHandler<UserDeleted> userDeleted(FloorStore store) {
        return handler(store, UserDeleted.class, e ->
                Floor.subject(e.userId(), e.authorityVersion(), Cause.UserDeleted));
    }

    @Singleton
    EventHandler<UserSuspended> userSuspended(FloorStore store) {
        return handler(store, UserSuspended.class, e ->
                Floor.subject(e.userId(), e.authorityVersion(), Cause.UserSuspended));
    }

    @Singleton
    EventHandler<PasswordChanged> passwordChanged(FloorStore store) {
        return handler(store, PasswordChanged.class, e ->
                Floor.subject(e.userId(), e.authorityVersion(), Cause.PasswordChanged));
    }

    /** Only a changed email raises the floor (the event then carries a version); a rename shrinks nothing. */
    @Singleton
    EventHandler<UserUpdated> userUpdated(FloorStore store) {
        return handler(store, UserUpdated.class, e -> e.authorityVersion() == null ? null
                : Floor.subject(e.userId(), e.authorityVersion(), Cause.EmailChanged));
    }

    @Singleton
    EventHandler<ApplicationDeleted> applicationDeleted(FloorStore store) {
        return handler(store, ApplicationDeleted.class, e ->
                Floor.subject(e.applicationId(), e.authorityVersion(), Cause.ApplicationDeleted));
    }

    @Singleton
    EventHandler<ApplicationSecretRotated> applicationSecretRotated(FloorStore store) {
        return handler(store, ApplicationSecretRotated.class, e ->
                Floor.subject(e.applicationId(), e.authorityVersion(), Cause.ApplicationSecretRotated));
    }

    /** An application's organization tokens, as a member's: the (application, organization) floor. */
    @Singleton
    EventHandler<ApplicationRemovedFromOrganization> applicationRemovedFromOrganization(FloorStore store) {
        return handler(store, ApplicationRemovedFromOrganization.class, e -> Floor.membership(e.applicationId(),
                e.organizationId(), e.authorityVersion(), Cause.ApplicationRemovedFromOrganization));
    }

    @Singleton
    EventHandler<ApplicationRolesChanged> applicationRolesChanged(FloorStore store) {
        return handler(store, ApplicationRolesChanged.class, e -> Floor.membership(e.applicationId(),
                e.organizationId(), e.authorityVersion(), Cause.ApplicationRolesChanged));
    }

    private static <T extends DomainEvent> EventHandler<T> handler(FloorStore store, Class<T> type,
                                                                   Function<T, Floor> floor) {
        return new FloorHandler<>(store, type, floor);
    }

    /**
     * First among the handlers of its event: a service's own handler may change the transaction's role (document-
     * service runs as a restricted role with row-level security), which must not keep the floor from being stored.
     * Its event type is a value (one class serves every floor event), so the record's {@code eventType} accessor
     * answers {@link EventHandler#eventType()}.
     */
    private record FloorHandler<T extends DomainEvent>(FloorStore store, Class<T> eventType, Function<T, Floor> floor)
            implements EventHandler<T>, Ordered {

        @Override
        public void handle(T event, EventMetadata metadata) {
            Floor raised = floor.apply(event);
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
