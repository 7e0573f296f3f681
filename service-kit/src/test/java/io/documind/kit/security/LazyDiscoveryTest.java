package io.documind.kit.security;

import io.documind.localstack.testing.TestIssuer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service starts and is ready while its issuer is down, and checks tokens as soon as the issuer answers. */
class LazyDiscoveryTest {

    @Test
    void theServiceIsReadyWithoutTheIssuerAndValidatesOnceItIsUp() {
        try (TestIssuer issuer = TestIssuer.start()) {
            String token = issuer.userToken("ivy");
            issuer.suspend();
            try (SecuredService service = SecuredService.start(issuer.issuer(),
                    Map.of("documind.security.key-retry-interval", "100ms"))) {
                assertEquals(0, issuer.discoveryRequests(), "nothing is fetched at startup");
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> service.get("/health/readiness", null).statusCode() == 200);

                // Issuer down: the token cannot be checked either way → 503 (retry), not a 401 verdict on it.
                HttpResponse<String> down = service.get("/secured/user", token);
                assertEquals(503, down.statusCode(), down.body());
                assertEquals("application/problem+json", down.headers().firstValue("Content-Type").orElseThrow());
                assertTrue(down.headers().firstValue("Retry-After").isPresent());
                // Tokens that are bad on their face are still refused at once.
                assertEquals(401, service.get("/secured/user", "garbage").statusCode());

                issuer.resume();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                        .until(() -> service.get("/secured/user", token).statusCode() == 200);

                // Once fetched, keys are cached: an issuer outage no longer matters for known keys.
                int fetches = issuer.jwksRequests();
                issuer.suspend();
                assertEquals(200, service.get("/secured/user", issuer.userToken("ivy")).statusCode());
                assertEquals(fetches, issuer.jwksRequests());
            }
        }
    }
}
