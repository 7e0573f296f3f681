package io.documind.kit;

import io.documind.localstack.EmbeddedPostgresServer;
import io.documind.localstack.KafkaBroker;
import io.documind.localstack.testing.TestInfrastructure;
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

/** /health/readiness tells the truth: 503 while Kafka or the database is unreachable, 200 otherwise. */
class ReadinessTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void readinessFollowsKafkaAndTheDatabase() {
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
            try (ApplicationContext context = ApplicationContext.run(properties)) {
                EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
                URI readiness = server.getURI().resolve("/health/readiness");
                URI liveness = server.getURI().resolve("/health/liveness");

                await().atMost(Duration.ofSeconds(30)).until(() -> status(readiness) == 200);

                kafka.stop();
                await().atMost(Duration.ofSeconds(30)).until(() -> status(readiness) == 503);
                assertEquals(200, status(liveness), "an unreachable dependency is not a reason to restart us");
                kafka.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> status(readiness) == 200);

                postgres.close();
                await().atMost(Duration.ofSeconds(30)).until(() -> status(readiness) == 503);
                server.stop();
            }
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
