package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * org-service's own APIs refuse a token issued before its authority shrank (from the change's commit; see
 * {@link AuthorityWithoutEventsTest}) and accept the token issued after the change.
 */
@MicronautTest(transactional = false)
class AuthorityRevocationTest extends OrgServiceTest {

    @Test
    void aRemovedMembersOrganizationTokenIsRefusedByTheAppApi() {
        Account admin = signUp();
        Account member = signUp();
        String org = createOrganization(admin, "Revoking");
        assertEquals(201, status(management(HttpRequest.POST("/api/organizations/" + org + "/users",
                Map.of("userIds", java.util.List.of(member.id()))))));
        String before = organizationToken(member, org);
        String members = "/organizations/" + org + "/members";
        assertEquals(200, status(HttpRequest.GET(members).bearerAuth(before)));

        assertEquals(204, status(HttpRequest.DELETE(members + "/" + member.id())
                .bearerAuth(organizationToken(admin, org))));

        HttpClientResponseException refused = awaitTokenRefused(members, before);
        assertTrue(refused.getResponse().header("WWW-Authenticate").contains("removed from the organization"),
                refused.getResponse().header("WWW-Authenticate"));
        assertEquals(200, status(HttpRequest.GET(members).bearerAuth(organizationToken(admin, org))),
                "the admin's token, issued after, is untouched");
    }

    @Test
    void anApplicationsTokenFromBeforeItsSecretWasRotatedIsRefusedByTheManagementApi() {
        JsonNode app = json(http.toBlocking().retrieve(management(HttpRequest.POST("/api/applications",
                Map.of("name", "Rotating", "managementAccess", true)))));
        String id = app.path("id").asText();
        String before = clientCredentials(id, app.path("secret").asText());
        assertEquals(200, status(HttpRequest.GET("/api/organizations").bearerAuth(before)));

        String secret = json(http.toBlocking().retrieve(management(HttpRequest.POST("/api/applications/" + id
                + "/secrets", Map.of())))).path("secret").asText();

        HttpClientResponseException refused = awaitTokenRefused("/api/organizations", before);
        assertTrue(refused.getResponse().header("WWW-Authenticate").contains("secret was rotated"));
        assertEquals(200, status(HttpRequest.GET("/api/organizations").bearerAuth(clientCredentials(id, secret))));
    }

    private MutableHttpRequest<?> management(MutableHttpRequest<?> request) {
        return request.bearerAuth(managementToken());
    }

    private String clientCredentials(String clientId, String secret) {
        return tokenResponse(form("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret))
                .path("access_token").asText();
    }
}
