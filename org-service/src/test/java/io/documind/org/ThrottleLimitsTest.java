package io.documind.org;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sign-in throttle's limits are settings: behind a proxy every caller shares one address, so an operator must
 * be able to size the per-address limit for the proxy's whole traffic (it was fixed in code at 100).
 */
@MicronautTest(transactional = false)
class ThrottleLimitsTest extends OrgServiceTest {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("documind.token.login-address-failures", "3");
        return properties;
    }

    @Test
    void thePerAddressLimitIsTheConfiguredOne() {
        // Three different clients from one address: the account and pair limits are far; the address's is 3.
        List<Integer> statuses = IntStream.range(0, 4).mapToObj(i -> FromAddress.token(server.getPort(), "127.0.0.9",
                form("grant_type", "client_credentials", "client_id", "nobody-" + i, "client_secret", "x"))
                .statusCode()).toList();
        assertEquals(List.of(401, 401, 401, 429), statuses);
    }
}
