package io.documind.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.contracts.events.EventCatalog;
import io.documind.contracts.events.EventType;
import io.documind.contracts.events.OrganizationCreated;
import io.documind.contracts.schema.EventSchemaValidator;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the catalog, the records and the JSON Schemas from drifting apart. */
class EventCatalogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventSchemaValidator validator = new EventSchemaValidator();

    @Test
    void everyCatalogedEventHasASchemaWhosePropertiesAreItsRecordComponents() throws Exception {
        for (EventType<?> type : EventCatalog.ALL) {
            try (InputStream in = getClass().getResourceAsStream(type.schemaResource())) {
                assertNotNull(in, "schema of " + type.name());
                JsonNode schema = JSON.readTree(in);
                assertEquals(type.dataSchema(), schema.path("$id").asText(), type.name() + " $id");
                Set<String> properties = new TreeSet<>();
                schema.path("properties").fieldNames().forEachRemaining(properties::add);
                Set<String> components = Arrays.stream(type.dataClass().getRecordComponents())
                        .map(c -> c.getName()).collect(Collectors.toCollection(TreeSet::new));
                assertEquals(components, properties, type.name() + ": schema properties vs record components");
            }
        }
    }

    @Test
    void everySchemaFileIsCataloged() throws Exception {
        Path dir = Path.of(getClass().getResource("/schemas/events").toURI());
        Set<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString().replace(".json", "")).collect(Collectors.toSet());
        }
        Set<String> cataloged = new HashSet<>();
        EventCatalog.ALL.forEach(t -> cataloged.add(t.name()));
        assertEquals(cataloged, files);
    }

    @Test
    void aWellFormedEnvelopeIsValid() {
        assertEquals(java.util.List.of(), validator.validate(Topics.ORG_EVENTS, envelope(
                "OrganizationCreated", "org-service",
                "{\"organizationId\":\"o1\",\"name\":\"Acme\",\"description\":null,"
                        + "\"createdBy\":{\"userId\":\"u1\",\"email\":\"a@example.com\"}}")));
    }

    @Test
    void missingFieldsWrongTopicAndUnknownTypesAreReported() {
        var missingName = validator.validate(Topics.ORG_EVENTS, envelope("OrganizationCreated", "org-service",
                "{\"organizationId\":\"o1\",\"createdBy\":null}"));
        assertTrue(missingName.stream().anyMatch(p -> p.contains("name")), missingName.toString());

        var wrongTopic = validator.validate(Topics.DOCUMENT_EVENTS, envelope("OrganizationCreated", "org-service",
                "{\"organizationId\":\"o1\",\"name\":\"A\",\"createdBy\":null}"));
        assertTrue(wrongTopic.stream().anyMatch(p -> p.startsWith("topic")), wrongTopic.toString());

        var unknown = validator.validate(null, envelope("NoSuchEvent", "org-service", "{}"));
        assertTrue(unknown.stream().anyMatch(p -> p.contains("unknown event type")), unknown.toString());

        assertEquals(1, validator.validate(null, "{not json").size());
    }

    @Test
    void theTolerantReadingAllowsPropertiesItDoesNotKnowAndStillChecksTheOnesItDoes() {
        // What a newer producer may write: a new optional field at the top, inside a nested object, and a new
        // CloudEvents extension on the envelope.
        String newer = envelope("OrganizationCreated", "org-service",
                "{\"organizationId\":\"o1\",\"name\":\"Acme\",\"region\":\"eu\","
                        + "\"createdBy\":{\"userId\":\"u1\",\"email\":\"a@example.com\",\"locale\":\"de\"}}")
                .replace("\"specversion\"", "\"traceparent\":\"00-ab-cd-01\",\"specversion\"");
        EventSchemaValidator tolerant = EventSchemaValidator.tolerant();

        assertEquals(java.util.List.of(), tolerant.validate(Topics.ORG_EVENTS, newer));
        var strict = validator.validate(Topics.ORG_EVENTS, newer);
        for (String unknown : java.util.List.of("traceparent", "region", "createdBy")) {
            assertTrue(strict.stream().anyMatch(p -> p.contains(unknown)), "a producer may not write it: " + strict);
        }

        var badKnownField = tolerant.validate(Topics.ORG_EVENTS, envelope("OrganizationCreated", "org-service",
                "{\"organizationId\":\"o1\",\"name\":\"\",\"region\":\"eu\","
                        + "\"createdBy\":{\"email\":\"not an address\",\"locale\":\"de\"}}"));
        assertTrue(badKnownField.stream().anyMatch(p -> p.contains("name")), badKnownField.toString());
        assertTrue(badKnownField.stream().anyMatch(p -> p.contains("createdBy")), badKnownField.toString());
    }

    @Test
    void catalogLookupsRefuseStrangers() {
        assertEquals(Topics.ORG_EVENTS, EventCatalog.of(OrganizationCreated.class).topic());
        assertTrue(EventCatalog.byName("Nope").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> EventCatalog.of(Stranger.class));
    }

    record Stranger(String organizationId) implements io.documind.contracts.events.DomainEvent {
    }

    private static String envelope(String type, String source, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"6f1c2a5e-3d7b-4c1a-9e2f-0a1b2c3d4e5f\",\"source\":\"" + source
                + "\",\"type\":\"" + type + "\",\"time\":\"2026-11-21T10:00:00Z\",\"subject\":null,"
                + "\"datacontenttype\":\"application/json\",\"dataschema\":\"urn:documind:schema:" + type + ":v1\","
                + "\"organizationid\":\"o1\",\"correlationid\":null,\"data\":" + data + "}";
    }

    /** Every email pattern in the schemas is the one services validate addresses against. */
    @Test
    void everyEmailPatternInTheSchemasIsTheContractsOne() throws Exception {
        int checked = 0;
        for (EventType<?> type : EventCatalog.ALL) {
            try (InputStream in = getClass().getResourceAsStream(type.schemaResource())) {
                for (JsonNode pattern : JSON.readTree(in).findValues("pattern")) {
                    if (pattern.asText().contains("@")) {
                        assertEquals(EmailAddress.PATTERN, pattern.asText(), type.name());
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= 10, "found " + checked + " email patterns");
    }
}
