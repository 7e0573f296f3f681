package io.documind.contracts.events;

/**
 * The data of a domain event. The event's type name is its record's simple name; the catalog
 * ({@link EventCatalog}) says which topic carries it and which JSON Schema describes it.
 */
public interface DomainEvent {

    /** The organization the event belongs to, used as the Kafka record key; null for platform-wide events. */
    String organizationId();
}
