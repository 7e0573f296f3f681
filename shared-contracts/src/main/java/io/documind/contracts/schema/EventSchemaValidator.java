package io.documind.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 */
public final class EventSchemaValidator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    /** The problems found; empty when the envelope is valid. {@code topic} may be null when unknown. */
    public List<String> validate(String topic, String envelopeJson) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(envelopeJson);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>(check(schema("/schemas/envelope.json"), envelope, "envelope"));
        String typeName = envelope.path("type").asText();
        Optional<EventType<?>> type = EventCatalog.byName(typeName);
        if (type.isEmpty()) {
            problems.add("unknown event type '" + typeName + "'");
            return problems;
        }
        EventType<?> t = type.get();
        problems.addAll(check(schema(t.schemaResource()), envelope.path("data"), "data"));
        expect(problems, "source", t.source(), envelope.path("source").asText());
        expect(problems, "dataschema", t.dataSchema(), envelope.path("dataschema").asText());
        if (topic != null) {
            expect(problems, "topic", t.topic(), topic);
        }
        return problems;
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
                return factory.getSchema(in, config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
