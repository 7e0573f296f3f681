package io.documind.kit.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.kit.outbox.Outbox;
import io.documind.localstack.testing.TestIssuer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.MDC;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over real HTTP: the request's correlation id is the MDC's on whichever thread the route runs (where the outbox
 * and the log lines read it), it is echoed, and no request sees another's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorrelationIdTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENABLED = "test.correlation-routes.enabled";

    private SecuredService service;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        service = SecuredService.start(TestIssuer.shared().issuer(), Map.of(ENABLED, "true"));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void aGivenIdIsTheMdcsOnTheEventLoopAndOnAVirtualThreadAndIsEchoed() throws Exception {
        for (String route : new String[]{"/correlation/event-loop", "/correlation/blocking"}) {
            HttpResponse<String> r = get(route, "journey-42." + route.length());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("journey-42." + route.length(), seen(r), route);
            assertEquals("journey-42." + route.length(), r.headers().firstValue("X-Correlation-Id").orElseThrow());
        }
    }

    @Test
    void withoutOneOrWithAnInsaneOneEachRequestGetsItsOwnAndNoneLeaksIntoTheNext() throws Exception {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = get(i % 2 == 0 ? "/correlation/blocking" : "/correlation/event-loop",
                    i % 4 == 0 ? null : "bad id with spaces " + i);
            String echoed = r.headers().firstValue("X-Correlation-Id").orElseThrow();
            assertEquals(echoed, seen(r));
            assertNotEquals("bad id with spaces " + i, echoed);
            assertTrue(seen.add(echoed), "an id seen twice: " + echoed);
        }
    }

    private HttpResponse<String> get(String path, String correlation) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.base().resolve(path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (correlation != null) {
            request.header("X-Correlation-Id", correlation);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String seen(HttpResponse<String> r) throws IOException {
        JsonNode body = JSON.readTree(r.body());
        return body.path("correlationId").asText(null);
    }

    @Controller("/correlation")
    @Requires(property = ENABLED, value = "true")
    @PublicEndpoint
    static class CorrelationRoutes {

        @Get("/event-loop")
        Map<String, Object> onTheEventLoop() {
            return seen();
        }

        @Get("/blocking")
        @ExecuteOn(TaskExecutors.BLOCKING)
        Map<String, Object> onAVirtualThread() {
            return seen();
        }

        private static Map<String, Object> seen() {
            Map<String, Object> seen = new HashMap<>();
            seen.put("correlationId", MDC.get(Outbox.CORRELATION_ID));
            return seen;
        }
    }
}
