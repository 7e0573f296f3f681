package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * org-service refuses a token its own change outdated from that change's commit, not from when the change's event
 * comes back from Kafka: this instance consumes nothing (as while Kafka is away), and the tokens are refused anyway.
 */
@MicronautTest(transactional = false)
class AuthorityWithoutEventsTest extends OrgServiceTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        p.put("documind.consumer.enabled", "false");
        return p;
    }

    @Test
    void aDemotedAdminsOrganizationTokenIsRefusedWithNoEventConsumed() {
        String management = managementToken();
        String org = json(http.toBlocking().retrieve(HttpRequest.POST("/api/organizations",
                Map.of("name", "No events")).bearerAuth(management))).path("id").asText();
        Account member = signUp();
        addMember(org, member, "Admin");
        String before = organizationToken(member, org);
        String path = "/organizations/" + org + "/members";
        assertEquals(200, status(HttpRequest.GET(path).bearerAuth(before)));

        assertEquals(204, status(HttpRequest.PUT("/api/organizations/" + org + "/users/" + member.id() + "/roles",
                Map.of("organizationRoleNames", List.of("Collaborator"))).bearerAuth(management)));

        HttpClientResponseException refused = awaitTokenRefused(path, before);
        assertTrue(refused.getResponse().header("WWW-Authenticate").contains("roles"),
                refused.getResponse().header("WWW-Authenticate"));
        assertEquals(200, status(HttpRequest.GET(path).bearerAuth(organizationToken(member, org))),
                "a token issued after the change, with its smaller scopes, is accepted");
    }

    @Test
    void anApplicationsTokenFromBeforeItsSecretWasRotatedIsRefusedWithNoEventConsumed() {
        String management = managementToken();
        JsonNode app = json(http.toBlocking().retrieve(HttpRequest.POST("/api/applications",
                Map.of("name", "Rotating, no events", "managementAccess", true)).bearerAuth(management)));
        String id = app.path("id").asText();
        String before = tokenResponse(form("grant_type", "client_credentials", "client_id", id,
                "client_secret", app.path("secret").asText())).path("access_token").asText();
        assertEquals(200, status(HttpRequest.GET("/api/organizations").bearerAuth(before)));

        assertEquals(200, status(HttpRequest.POST("/api/applications/" + id + "/secrets", Map.of())
                .bearerAuth(management)));

        awaitTokenRefused("/api/organizations", before);
    }
}
