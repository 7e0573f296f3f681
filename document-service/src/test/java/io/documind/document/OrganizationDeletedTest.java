package io.documind.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.contracts.Topics;
import io.documind.contracts.events.OrganizationDeleted;
import io.documind.contracts.schema.EventSchemaValidator;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.kit.testing.EventFeed;
import io.documind.localstack.testing.TestInfrastructure;
import io.documind.localstack.testing.TopicReader;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.documind.document.Api.body;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** OrganizationDeleted → the organization's documents are purged once, each with its DocumentDeleted. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizationDeletedTest implements TestPropertyProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    @Inject
    EnvelopeCodec codec;

    @Inject
    DataSource dataSource;

    private EventFeed events;

    @Override
    public Map<String, String> getProperties() {
        return DocumentServiceContext.properties();
    }

    @BeforeAll
    void openEventFeed() {
        events = new EventFeed(codec);
    }

    @AfterAll
    void closeEventFeed() {
        events.close();
    }

    @Test
    void theOrganizationsDocumentsArePurgedOnceWithTheirEvents() throws Exception {
        Api api = new Api(server.getURI());
        String doomed = UUID.randomUUID().toString();
        String survivor = UUID.randomUUID().toString();
        Set<String> purged = Set.of(
                api.create(doomed, "One", "1").path("id").asText(),
                api.create(doomed, "Two", "2").path("id").asText(),
                api.create(doomed, "Three", "3").path("id").asText());
        String kept = api.create(survivor, "Kept", "k").path("id").asText();

        byte[] event = events.envelope(new OrganizationDeleted(doomed));
        events.publishRaw(Topics.ORG_EVENTS, doomed, event);
        events.publishRaw(Topics.ORG_EVENTS, doomed, event); // redelivered: the same event id

        String admin = Api.admin(doomed);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.ids(api.get("/documents", admin).json()).isEmpty());
        List<JsonNode> deletions = await().atMost(Duration.ofSeconds(30))
                .until(() -> deletionsOf(doomed), d -> d.size() >= purged.size());
        assertEquals(purged, deletions.stream().map(d -> d.path("data").path("documentId").asText())
                .collect(Collectors.toSet()));

        // A new event id for the same deletion (org-service replayed it): nothing left to purge, nothing emitted.
        UUID replay = events.publish(new OrganizationDeleted(doomed));
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(replay));
        assertEquals(purged.size(), deletionsOf(doomed).size(), "each document deleted exactly once");

        // A token of the deleted organization that has not expired yet cannot start it again.
        Api.Reply late = api.post("/documents", admin, body("title", "Ghost", "content", "boo"));
        assertEquals(404, late.status());
        assertEquals(200, api.get("/documents/" + kept, Api.admin(survivor)).status(), "other organizations untouched");
    }

    private boolean applied(UUID eventId) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM processed_event WHERE event_id = ?")) {
            s.setObject(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static List<JsonNode> deletionsOf(String organizationId) throws Exception {
        EventSchemaValidator schemas = new EventSchemaValidator();
        List<JsonNode> deletions = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(TestInfrastructure.kafka().bootstrapServers(),
                Topics.DOCUMENT_EVENTS)) {
            String value = new String(r.value(), StandardCharsets.UTF_8);
            JsonNode event = JSON.readTree(value);
            if (organizationId.equals(r.key()) && event.path("type").asText().equals("DocumentDeleted")) {
                assertEquals(List.of(), schemas.validate(r.topic(), value));
                deletions.add(event);
            }
        }
        return deletions;
    }
}
