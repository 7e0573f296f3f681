package io.documind.kit.consumer;

import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.events.OrganizationCreated;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A handler's event type comes from its class's type argument; one that names none is refused loudly (unit). */
class EventHandlerTest {

    static class Welcomes implements EventHandler<OrganizationCreated> {
        @Override
        public void handle(OrganizationCreated event, EventMetadata metadata) {
        }
    }

    /** What an AOP proxy of a handler is: a subclass that repeats no type argument. */
    static class ProxiedWelcomes extends Welcomes {
    }

    static class Generic<T extends DomainEvent> implements EventHandler<T> {
        @Override
        public void handle(T event, EventMetadata metadata) {
        }
    }

    @Test
    void theTypeArgumentIsTheEventType() {
        assertEquals(OrganizationCreated.class, new Welcomes().eventType());
    }

    @Test
    void aSubclassKeepsItsSuperclassEventType() {
        assertEquals(OrganizationCreated.class, new ProxiedWelcomes().eventType());
    }

    @Test
    void aHandlerNamingNoConcreteEventIsRefusedWithItsName() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new Generic<OrganizationCreated>().eventType());
        assertTrue(refused.getMessage().contains(Generic.class.getName()), refused.getMessage());
    }
}
