package io.documind.contracts.events;

import io.documind.contracts.Topics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event of DESIGN §6: its name, data record, topic and producer. */
public final class EventCatalog {

    private static final String ORG = "org-service";
    private static final String INVITATION = "invitation-service";
    private static final String DOCUMENT = "document-service";
    private static final String NOTIFICATION = "notification-service";

    public static final List<EventType<?>> ALL = List.of(
            org(OrganizationCreated.class),
            org(OrganizationUpdated.class),
            org(OrganizationDeleted.class),
            org(MembershipCreated.class),
            org(MemberRolesChanged.class),
            org(MembershipRemoved.class),
            org(OrganizationTemplateChanged.class),
            org(UserCreated.class),
            org(UserUpdated.class),
            org(UserDeleted.class),
            org(UserSuspended.class),
            org(PasswordChanged.class),
            org(UserEmailVerified.class),
            org(EmailCodeRequested.class),
            org(ApplicationDeleted.class),
            org(ApplicationSecretRotated.class),
            org(ApplicationAddedToOrganization.class),
            org(ApplicationRemovedFromOrganization.class),
            org(ApplicationRolesChanged.class),
            org(InvitationGrantRefused.class),
            org(InvitationAcceptanceRefused.class),
            invitation(InvitationCreated.class),
            invitation(InvitationRevoked.class),
            invitation(InvitationExpired.class),
            invitation(InvitationMessageRequested.class),
            invitation(InvitationAccepted.class),
            of(DocumentCreated.class, Topics.DOCUMENT_EVENTS, DOCUMENT),
            of(DocumentUpdated.class, Topics.DOCUMENT_EVENTS, DOCUMENT),
            of(DocumentDeleted.class, Topics.DOCUMENT_EVENTS, DOCUMENT),
            of(EmailSent.class, Topics.NOTIFICATION_EVENTS, NOTIFICATION),
            of(EmailFailed.class, Topics.NOTIFICATION_EVENTS, NOTIFICATION));

    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

    private EventCatalog() {
    }

    public static Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    @SuppressWarnings("unchecked")
    public static <T extends DomainEvent> EventType<T> of(Class<T> dataClass) {
        EventType<?> type = BY_NAME.get(dataClass.getSimpleName());
        if (type == null || type.dataClass() != dataClass) {
            throw new IllegalArgumentException("Not a cataloged event: " + dataClass.getName());
        }
        return (EventType<T>) type;
    }

    private static <T extends DomainEvent> EventType<T> org(Class<T> c) {
        return of(c, Topics.ORG_EVENTS, ORG);
    }

    private static <T extends DomainEvent> EventType<T> invitation(Class<T> c) {
        return of(c, Topics.INVITATION_EVENTS, INVITATION);
    }

    private static <T extends DomainEvent> EventType<T> of(Class<T> c, String topic, String source) {
        return new EventType<>(c.getSimpleName(), c, topic, source);
    }
}
