package io.documind.kit.events;

import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.events.EventCatalog;
import io.documind.contracts.events.EventType;
import io.documind.contracts.schema.EventSchemaValidator;
import io.micronaut.jackson.core.tree.JsonNodeTreeCodec;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.config.DeserializationConfiguration;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.UUID;

/** Writes events into CloudEvents envelopes and reads them back, checking each against its JSON Schema. */
@Singleton
public class EnvelopeCodec {

    private final JsonMapper json;
    /** Jackson's own tree for the schema checks (the validator's model); micronaut-serde reads the records. */
    private static final com.fasterxml.jackson.databind.ObjectMapper TREES =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private final EventSchemaValidator schemas = EventSchemaValidator.tolerant();
    /** What a producer must write (no property the schema does not name). */
    private final EventSchemaValidator asWritten = new EventSchemaValidator();

    public EnvelopeCodec(JsonMapper json, DeserializationConfiguration deserialization) {
        // Request bodies refuse unknown fields (KitDefaults); events are read as tolerant readers do.
        this.json = json instanceof ObjectMapper serde
                ? serde.cloneWithConfiguration(null, null, tolerant(deserialization))
                : json;
    }

    private static DeserializationConfiguration tolerant(DeserializationConfiguration base) {
        return new DeserializationConfiguration() {
            @Override
            public boolean isIgnoreUnknown() {
                return true;
            }

            @Override
            public int getArraySizeThreshold() {
                return base.getArraySizeThreshold();
            }

            @Override
            public boolean isStrictNullable() {
                return base.isStrictNullable();
            }

            @Override
            public boolean isFailOnNullForPrimitives() {
                return base.isFailOnNullForPrimitives();
            }

            @Override
            public boolean isSubtypesRequireDefaultImpl() {
                return base.isSubtypesRequireDefaultImpl();
            }

            @Override
            public boolean acceptCaseInsensitiveEnums() {
                return base.acceptCaseInsensitiveEnums();
            }
        };
    }

    public EventEnvelope envelope(DomainEvent event, UUID id, Instant time, String subject, String correlationId) {
        EventType<?> type = EventCatalog.of(event.getClass());
        try {
            JsonNode data = json.writeValueToTree(event);
            return new EventEnvelope(EventEnvelope.SPEC_VERSION, id.toString(), type.source(), type.name(),
                    time.toString(), subject, EventEnvelope.CONTENT_TYPE, type.dataSchema(),
                    event.organizationId(), correlationId, data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + type.name(), e);
        }
    }

    /** What the event's schema refuses in an envelope this service is about to record; empty when nothing. */
    public List<String> problems(String topic, String written) {
        return asWritten.validate(topic, written);
    }

    public String write(EventEnvelope envelope) {
        try {
            return json.writeValueAsString(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize envelope " + envelope.id(), e);
        }
    }

    /**
     * Reads a record value. Anything that is not a valid envelope of a cataloged event, or whose data
     * breaks its schema, is an {@link InvalidEventException}: retrying it can never help.
     */
    public DecodedEvent read(String topic, byte[] value) {
        return read(topic, value, type -> true).orElseThrow(); // every type "handled": never empty
    }

    /**
     * Reads a record value as a tolerant reader ({@link EventSchemaValidator#tolerant()}): the envelope is checked
     * always, the data only when {@code handled} says this service handles the type. Empty for a type it does not
     * handle, cataloged or not (a newer producer's new event): there is nothing to do with it, and dead-lettering it
     * would only be noise. A record that is no valid envelope, or whose handled data breaks its schema, is an
     * {@link InvalidEventException}.
     */
    public Optional<DecodedEvent> read(String topic, byte[] value, Predicate<String> handled) {
        if (value == null) {
            throw new InvalidEventException("record has no value");
        }
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = TREES.readTree(value);
        } catch (IOException e) {
            throw new InvalidEventException("not JSON: " + e.getMessage(), e);
        }
        if (tree == null) {
            throw new InvalidEventException("not JSON: the record is empty");
        }
        invalidIfAny(schemas.validateEnvelope(topic, tree));
        String typeName = tree.path("type").asText();
        if (!handled.test(typeName)) {
            return Optional.empty();
        }
        EventType<?> type = EventCatalog.byName(typeName)
                .orElseThrow(() -> new InvalidEventException("unknown event type " + typeName));
        invalidIfAny(schemas.validateData(type, tree.path("data")));
        DecodedEvent decoded;
        try {
            // Built from the tree the schemas just checked rather than parsed a second time from the text (JFR on
            // ./dev bench events: reading records was 7-9% of a consuming service's CPU, mostly parsing): micronaut's
            // tree codec reads the data subtree's tokens into the tree micronaut-serde binds records from.
            JsonNode data = JsonNodeTreeCodec.getInstance().readTree(tree.path("data").traverse());
            EventEnvelope envelope = new EventEnvelope(text(tree, "specversion"), text(tree, "id"),
                    text(tree, "source"), typeName, text(tree, "time"), text(tree, "subject"),
                    text(tree, "datacontenttype"), text(tree, "dataschema"), text(tree, "organizationid"),
                    text(tree, "correlationid"), data);
            decoded = new DecodedEvent(envelope, type, json.readValueFromTree(data, type.dataClass()));
        } catch (IOException | RuntimeException e) {
            throw new InvalidEventException("unreadable event: " + e.getMessage(), e);
        }
        requireSameOrganization(decoded.envelope(), decoded.data());
        return Optional.of(decoded);
    }

    /**
     * The envelope's {@code organizationid} must name the organization its data belongs to (both absent for a
     * platform-wide event), as every producer writes it ({@link #envelope}). Handlers act on the data's; a record
     * whose two disagree was not written by a DocuMind producer, or by a broken one, and which organization it
     * concerns cannot be told, so it goes to the dead-letter topic rather than being applied to either.
     */
    private static void requireSameOrganization(EventEnvelope envelope, DomainEvent event) {
        if (!Objects.equals(envelope.organizationid(), event.organizationId())) {
            throw new InvalidEventException("the envelope's organizationid (" + envelope.organizationid()
                    + ") is not the organization of its data (" + event.organizationId() + ")");
        }
    }

    /** A string attribute of the envelope (its schema has checked the kinds), or null when absent or null. */
    private static String text(com.fasterxml.jackson.databind.JsonNode tree, String name) {
        com.fasterxml.jackson.databind.JsonNode value = tree.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void invalidIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidEventException("invalid event: " + String.join("; ", problems));
        }
    }
}
