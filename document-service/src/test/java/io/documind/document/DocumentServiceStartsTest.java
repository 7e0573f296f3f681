package io.documind.document;

import io.documind.localstack.testing.OpenApiDocuments;
import io.documind.localstack.testing.ServiceTestProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.documind.localstack.testing.OpenApiDocuments.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * document-service boots on real PostgreSQL and Kafka, migrates its own database, reports ready and publishes its
 * OpenAPI document.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentServiceStartsTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("document-service");
    }

    @Test
    void migratesItsDatabaseAndReportsReadyWithMetrics() throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT to_regclass('outbox_event') IS NOT NULL")) {
            assertTrue(rs.next() && rs.getBoolean(1), "the kit's outbox table was migrated");
        }
        HttpResponse<String> ready = http.toBlocking().exchange(HttpRequest.GET("/health/readiness"), String.class);
        assertEquals(200, ready.code());
        String metrics = http.toBlocking().retrieve("/prometheus");
        assertTrue(metrics.contains("jvm_memory_used_bytes"), "Prometheus metrics are exposed");
        assertTrue(metrics.contains("documind_outbox_pending"), "the event pipeline's own metrics are exposed");
        // The outbox producer and the listener's consumer exist by now (made at start); their mirrored metrics,
        // 200 or so series, are left out by default (kit KafkaClientMeters).
        assertTrue(metrics.lines().noneMatch(line -> line.startsWith("kafka_")),
                "no Kafka client series by default");
    }

    @Test
    void publishesItsOpenApiDocumentWithoutAToken() {
        Map<String, Object> document = OpenApiDocuments.assertPublished(server.getURI(), "document-service",
                "/documents", "/documents/{id}");
        assertEquals(List.of(Map.of("bearer", List.of())),
                at(document, "paths", "/documents/{id}", "patch", "security"));
        assertNull(at(document, "paths", "/documents/limits", "get", "security"));

        OpenApiDocuments.assertOperationIdsAreNamed(document);
        assertEquals("createDocument", at(document, "paths", "/documents", "post", "operationId"));
        OpenApiDocuments.assertSuccessStatus(document, "POST", "/documents", 201);
        OpenApiDocuments.assertSuccessStatus(document, "GET", "/documents", 200);
        OpenApiDocuments.assertSuccessStatus(document, "PATCH", "/documents/{id}", 200);
        OpenApiDocuments.assertSuccessStatus(document, "DELETE", "/documents/{id}", 204);
        OpenApiDocuments.assertProblems(document, "POST", "/documents", 400, 413, 422, 429);
        OpenApiDocuments.assertProblems(document, "GET", "/documents/{id}", 404);
        OpenApiDocuments.assertProblems(document, "PATCH", "/documents/{id}", 400, 404, 412, 413);
        OpenApiDocuments.assertProblems(document, "DELETE", "/documents/{id}", 404, 412);
    }

    /** A budget of characters no document of the largest size fits stops the start, not the first request. */
    @Test
    void aCharactersBudgetBelowTheLargestDocumentStopsTheStart() {
        Map<String, Object> properties = new HashMap<>(DocumentServiceContext.properties());
        properties.put("documind.document.limits.characters-per-organization", "1000");
        properties.put("micronaut.server.port", "-1");
        // Without the consumer, whose handlers would build the service anyway: the check must not depend on them.
        properties.put("documind.consumer.enabled", "false");
        ApplicationContext context = ApplicationContext.builder().environments("test").properties(properties).build();
        try {
            Throwable refused = assertThrows(Throwable.class, context::start);
            boolean named = false;
            for (Throwable t = refused; t != null; t = t.getCause()) {
                named |= String.valueOf(t.getMessage()).contains("characters-per-organization must be at least");
            }
            assertTrue(named, "the start failed for the setting: " + refused);
        } finally {
            if (context.isRunning()) {
                context.close();
            }
        }
    }
}
