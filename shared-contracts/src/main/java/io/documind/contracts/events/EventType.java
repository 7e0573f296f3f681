package io.documind.contracts.events;

/**
 * One entry of the event catalog.
 *
 * @param name      the CloudEvents {@code type}, e.g. {@code OrganizationCreated}
 * @param dataClass the record carried in {@code data}
 * @param topic     the topic of its producing service
 * @param source    the producing service, the CloudEvents {@code source}
 */
public record EventType<T extends DomainEvent>(String name, Class<T> dataClass, String topic, String source) {

    public static final String SCHEMA_VERSION = "1";

    /** The CloudEvents {@code dataschema}: a URN naming the schema file shipped in this module. */
    public String dataSchema() {
        return "urn:documind:schema:" + name + ":v" + SCHEMA_VERSION;
    }

    /** Classpath location of this event's JSON Schema. */
    public String schemaResource() {
        return "/schemas/events/" + name + ".json";
    }
}
