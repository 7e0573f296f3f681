package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code DOCUMIND_TOKEN_PASSWORD_GRANT_ENABLED=false}: the grant is refused as unknown and not advertised. */
@MicronautTest(transactional = false)
class PasswordGrantOffTest extends OrgServiceTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        p.put("documind.token.password-grant-enabled", "false");
        return p;
    }

    @Test
    void thePasswordGrantIsRefusedAndNotAdvertised() {
        String email = "off-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        assertEquals(201, status(io.micronaut.http.HttpRequest.POST("/sign-up",
                Map.of("email", email, "password", PASSWORD, "name", "Off"))));
        JsonNode refused = json(body(failure(tokenRequest(form("grant_type", "password", "username", email,
                "password", PASSWORD)))));
        assertEquals("unsupported_grant_type", refused.path("error").asText(), refused.toString());

        JsonNode config = json(http.toBlocking().retrieve("/oidc/.well-known/openid-configuration"));
        List<String> grants = StreamSupport.stream(config.path("grant_types_supported").spliterator(), false)
                .map(JsonNode::asText).toList();
        assertEquals(List.of("refresh_token", "client_credentials"), grants);
        assertFalse(config.path("grant_parameters_supported").has("password"));
        assertEquals(200, status(tokenRequest(form("grant_type", "client_credentials", "client_id", MANAGEMENT_CLIENT,
                "client_secret", MANAGEMENT_SECRET))), "the other grants still answer");
    }
}
