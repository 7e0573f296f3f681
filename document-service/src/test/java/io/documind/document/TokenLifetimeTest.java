package io.documind.document;

import io.documind.contracts.security.Scopes;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * This service forgets an authority change {@code documind.authority.token-lifetime} after it learned it. A token
 * living longer than that (org-service's lifetime raised without this service's) would work again once its floor
 * is forgotten, so it is refused from the start, with a reason an operator can act on.
 */
@MicronautTest(transactional = false)
class TokenLifetimeTest extends DocumentServiceTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("documind.authority.token-lifetime", "30m");
        return properties;
    }

    @Test
    void aTokenLivingLongerThanTheServiceRemembersChangesIsRefused() {
        String org = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String hour = Api.issuer().token().organization(org).scopes(Scopes.READ_DOCUMENTS)
                .issuedAt(now).expiresAt(now.plus(Duration.ofHours(1))).sign();
        Api.Reply refused = api.get("/documents", hour);
        assertEquals(401, refused.status(), refused.raw().body());
        assertTrue(refused.header("WWW-Authenticate").orElseThrow().contains("documind.authority.token-lifetime"),
                refused.raw().headers().map().toString());

        String halfHour = Api.issuer().token().organization(org).scopes(Scopes.READ_DOCUMENTS)
                .issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(30))).sign();
        assertEquals(200, api.get("/documents", halfHour).status());
    }
}
