package io.documind.kit;

import io.documind.localstack.EmbeddedPostgresServer;
import io.documind.localstack.KafkaBroker;
import io.documind.localstack.testing.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /health/readiness tells whether the service can serve its API: 503 while its database is unreachable, 200 while
 * only Kafka is (requests are still served; Kafka's state is in the health details and a gauge). A request that
 * needs the unreachable database gets a 503 problem with Retry-After within the pool's bounded wait, never a 500.
 */
class ReadinessTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void readinessFollowsTheDatabaseNotKafkaAndAnOutageAnswers503() throws Exception {
        try (KafkaBroker kafka = TestInfrastructure.dedicatedKafka();
             EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, 0)) {
            postgres.createDatabaseIfMissing("ready");
            Map<String, Object> properties = KitContext.properties(kafka);
            properties.put("datasources.default.url", postgres.jdbcUrl("ready"));
            properties.put("datasources.default.username", postgres.username());
            properties.put("datasources.default.password", postgres.password());
            properties.put("datasources.default.connection-timeout", 1000);
            properties.put("micronaut.server.port", -1);
            properties.put("endpoints.health.details-visible", "ANONYMOUS");
            properties.put("documind.kafka.reachability-interval", "500ms");
            properties.put("documind.kafka.reachability-timeout", "1s");
            try (ApplicationContext context = ApplicationContext.run(properties)) {
                EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
                URI readiness = server.getURI().resolve("/health/readiness");
                URI liveness = server.getURI().resolve("/health/liveness");

                await().atMost(Duration.ofSeconds(30)).until(() -> status(readiness) == 200);

                URI health = server.getURI().resolve("/health");
                URI read = server.getURI().resolve("/outage/read");
                await().atMost(Duration.ofSeconds(30)).until(() -> body(health).contains("\"reachable\":true"));
                assertEquals(1.0, context.getBean(MeterRegistry.class).get("documind.kafka.reachable").gauge().value());

                kafka.stop();
                await().atMost(Duration.ofSeconds(30)).until(() -> body(health).contains("\"reachable\":false"));
                assertEquals(0.0, context.getBean(MeterRegistry.class).get("documind.kafka.reachable").gauge().value());
                assertEquals(200, status(readiness), "Kafka down: requests are still served, so still ready");
                assertEquals(200, status(read));
                assertEquals(200, status(liveness), "an unreachable dependency is not a reason to restart us");
                kafka.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> body(health).contains("\"reachable\":true"));

                postgres.close();
                await().atMost(Duration.ofSeconds(30)).until(() -> status(readiness) == 503);
                long start = System.nanoTime();
                HttpResponse<String> outage = send(read);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(503, outage.statusCode(), outage.body());
                assertEquals("application/problem+json", outage.headers().firstValue("Content-Type").orElseThrow());
                assertTrue(outage.headers().firstValue("Retry-After").isPresent(), "Retry-After");
                assertTrue(millis < 10_000, "answered within the pool's bounded wait, took " + millis + " ms");
                server.stop();
            }
        }
    }

    private HttpResponse<String> send(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String body(URI uri) {
        try {
            return send(uri).body();
        } catch (Exception e) {
            return "";
        }
    }

    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
