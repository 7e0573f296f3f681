package io.documind.kit.consumer;

import io.documind.contracts.Topics;
import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.events.EmailSent;
import io.documind.contracts.events.InvitationAccepted;
import io.documind.contracts.events.OrganizationCreated;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A handler whose topic no listener subscribes to stops the service from starting (unit: no I/O). */
class ListenerCoverageTest {

    private final List<EventHandler<?>> handlers = List.of(handler(OrganizationCreated.class),
            handler(InvitationAccepted.class), handler(EmailSent.class));

    @Test
    void everyHandledTopicSubscribedStarts() {
        assertDoesNotThrow(() -> ListenerCoverage.check(
                Set.of(Topics.ORG_EVENTS, Topics.INVITATION_EVENTS, Topics.NOTIFICATION_EVENTS), handlers));
    }

    @Test
    void aHandledTopicLeftOutRefusesToStartAndNamesIt() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ListenerCoverage.check(Set.of(Topics.ORG_EVENTS, Topics.INVITATION_EVENTS), handlers));
        assertTrue(refused.getMessage().contains(Topics.NOTIFICATION_EVENTS), refused.getMessage());
    }

    @Test
    void noListenerAtAllIsOnlyWarnedAbout() {
        assertDoesNotThrow(() -> ListenerCoverage.check(Set.of(), handlers));
    }

    private static <T extends DomainEvent> EventHandler<T> handler(Class<T> type) {
        return new Ignoring<>(type);
    }

    /** Takes events of the given type and does nothing with them: only the type matters here. */
    private record Ignoring<T extends DomainEvent>(Class<T> eventType) implements EventHandler<T> {
        @Override
        public void handle(T event, EventMetadata metadata) {
        }
    }
}
