package io.documind.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.documind.contracts.events.EventCatalog;
import io.documind.contracts.events.EventType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a serialized event envelope against the envelope schema and its event's data schema,
 * and that the envelope's type, source, dataschema and topic agree with the catalog.
 *
 * <p>Two readings of the same schemas. {@link #EventSchemaValidator() Strict}, what a producer must write: no property
 * the schema does not name ({@code additionalProperties: false}). {@link #tolerant() Tolerant}, what a consumer
 * accepts: the same rules for every property it knows, and properties it does not know are allowed at every level.
 * A producer upgraded first may then add an optional field (a new version of a service always reads the older
 * one's events: new fields are optional) without its events being dead-lettered by consumers not yet upgraded.
 */
public final class EventSchemaValidator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final boolean tolerant;

    /** The strict reading: what every emitted event must satisfy. */
    public EventSchemaValidator() {
        this(false);
    }

    private EventSchemaValidator(boolean tolerant) {
        this.tolerant = tolerant;
    }

    /** The consumers' reading: unknown properties are allowed, everything else as strict. */
    public static EventSchemaValidator tolerant() {
        return new EventSchemaValidator(true);
    }

    /** The problems found; empty when the envelope is valid. {@code topic} may be null when unknown. */
    public List<String> validate(String topic, String envelopeJson) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(envelopeJson);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>(validateEnvelope(topic, envelope));
        Optional<EventType<?>> type = EventCatalog.byName(envelope.path("type").asText());
        if (type.isEmpty()) {
            problems.add("unknown event type '" + envelope.path("type").asText() + "'");
        } else {
            problems.addAll(validateData(type.get(), envelope.path("data")));
        }
        return problems;
    }

    /**
     * The envelope alone, and, when its type is in the catalog, that its source, dataschema and topic agree with it.
     * An unknown type is no problem here: a consumer reads past types it does not handle.
     */
    public List<String> validateEnvelope(String topic, JsonNode envelope) {
        List<String> problems = new ArrayList<>(check(schema("/schemas/envelope.json"), envelope, "envelope"));
        EventCatalog.byName(envelope.path("type").asText()).ifPresent(t -> {
            expect(problems, "source", t.source(), envelope.path("source").asText());
            expect(problems, "dataschema", t.dataSchema(), envelope.path("dataschema").asText());
            if (topic != null) {
                expect(problems, "topic", t.topic(), topic);
            }
        });
        return problems;
    }

    /** The envelope's {@code data} against its type's schema. */
    public List<String> validateData(EventType<?> type, JsonNode data) {
        return check(schema(type.schemaResource()), data, "data");
    }

    private static void expect(List<String> problems, String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            problems.add(what + " is '" + actual + "', expected '" + expected + "'");
        }
    }

    private static List<String> check(JsonSchema schema, JsonNode node, String where) {
        return schema.validate(node).stream().map(ValidationMessage::getMessage).map(m -> where + ": " + m).toList();
    }

    private JsonSchema schema(String resource) {
        return schemas.computeIfAbsent(resource, r -> {
            try (InputStream in = EventSchemaValidator.class.getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("schema missing from the classpath: " + r);
                }
                JsonNode schema = JSON.readTree(in);
                if (tolerant) {
                    allowUnknownProperties(schema);
                }
                return factory.getSchema(schema, config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Drops every {@code additionalProperties: false}, nested ones (inside oneOf, items) included. */
    private static void allowUnknownProperties(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode additional = object.get("additionalProperties");
            if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
                object.remove("additionalProperties");
            }
        }
        node.forEach(EventSchemaValidator::allowUnknownProperties);
    }
}
