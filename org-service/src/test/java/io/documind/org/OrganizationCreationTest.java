package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.contracts.Topics;
import io.documind.contracts.schema.EventSchemaValidator;
import io.documind.localstack.testing.ServiceTestProperties;
import io.documind.localstack.testing.TestInfrastructure;
import io.documind.localstack.testing.TopicReader;
import io.documind.org.identity.StandInIdentity;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /organizations → OrganizationCreated → the creator becomes Admin → MembershipCreated, on real infrastructure. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizationCreationTest implements TestPropertyProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("org-service");
    }

    @Test
    void theCreatorBecomesAdminThroughTheEventAndBothEventsAreValid() throws Exception {
        String user = "user-" + UUID.randomUUID();
        HttpResponse<String> created = http.toBlocking().exchange(
                as(user, HttpRequest.POST("/organizations", Map.of("name", "Acme", "description", "Docs"))), String.class);
        assertEquals(201, created.code());
        String id = JSON.readTree(created.body()).path("id").asText();
        assertEquals("/organizations/" + id, created.header("Location"));

        JsonNode members = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> JSON.readTree(http.toBlocking().retrieve(as(user, HttpRequest.GET("/organizations/" + id + "/members")))),
                        m -> m.size() == 1);
        assertEquals(user, members.get(0).path("userId").asText());
        assertEquals("Admin", members.get(0).path("roles").get(0).asText());

        List<ConsumerRecord<String, byte[]>> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> eventsOf(id), e -> e.size() >= 2);
        EventSchemaValidator schemas = new EventSchemaValidator();
        for (ConsumerRecord<String, byte[]> event : events) {
            assertEquals(List.of(), schemas.validate(event.topic(), new String(event.value(), StandardCharsets.UTF_8)));
        }
        assertEquals(List.of("OrganizationCreated", "MembershipCreated"),
                events.stream().map(e -> type(e)).toList());
        JsonNode createdBy = JSON.readTree(events.get(0).value()).path("data").path("createdBy");
        assertEquals(user, createdBy.path("userId").asText());
    }

    @Test
    void badInputIsAProblemAndChangesNothing() throws Exception {
        long before = organizations();
        String user = "user-" + UUID.randomUUID();
        for (Object body : List.of(Map.of("name", " "), Map.of("name", "x".repeat(129)), Map.of("description", "no name"))) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(as(user, HttpRequest.POST("/organizations", body)), String.class));
            assertEquals(400, e.getStatus().getCode(), body.toString());
            assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        }
        HttpClientResponseException malformed = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(as(user, HttpRequest.POST("/organizations", "{\"name\":")
                        .contentType(MediaType.APPLICATION_JSON_TYPE)), String.class));
        assertEquals(400, malformed.getStatus().getCode());
        HttpClientResponseException anonymous = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/organizations", Map.of("name", "Anon")), String.class));
        assertEquals(401, anonymous.getStatus().getCode());
        assertEquals(before, organizations());
    }

    @Test
    void someoneElsesOrganizationLooksAbsent() throws Exception {
        String owner = "user-" + UUID.randomUUID();
        String id = JSON.readTree(http.toBlocking().retrieve(
                as(owner, HttpRequest.POST("/organizations", Map.of("name", "Private"))))).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                http.toBlocking().exchange(as(owner, HttpRequest.GET("/organizations/" + id + "/members"))).code() == 200);

        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(as("stranger", HttpRequest.GET("/organizations/" + id + "/members")), Argument.STRING));
        assertEquals(404, e.getStatus().getCode());
        assertTrue(e.getResponse().getBody(String.class).orElse("").contains("not found"));
    }

    private static <T> MutableHttpRequest<T> as(String userId, MutableHttpRequest<T> request) {
        return request.header(StandInIdentity.USER_ID, userId).header(StandInIdentity.EMAIL, userId + "@example.com");
    }

    private List<ConsumerRecord<String, byte[]>> eventsOf(String organizationId) {
        return TopicReader.readAll(TestInfrastructure.kafka().bootstrapServers(), Topics.ORG_EVENTS).stream()
                .filter(r -> organizationId.equals(r.key())).toList();
    }

    private static String type(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value()).path("type").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private long organizations() throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM organization")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
