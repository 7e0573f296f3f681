package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 13 point 6: customData, isMfaRequired and branding on organizations, in both APIs and the events. */
@MicronautTest(transactional = false)
class OrganizationFieldsTest extends OrgServiceTest {

    @Test
    void theManagementApiStoresReturnsAndAnnouncesTheLogtoFields() {
        String management = managementToken();
        Map<String, Object> body = Map.of("name", "Fields", "customData", Map.of("plan", "pro", "seats", 12,
                        "tags", List.of("a", "b")), "isMfaRequired", true,
                "branding", Map.of("logoUrl", "https://cdn.example.com/logo.png", "darkLogoUrl", "http://x.example/d.svg"));
        JsonNode created = json(http.toBlocking().retrieve(HttpRequest.POST("/api/organizations", body)
                .bearerAuth(management)));
        String org = created.path("id").asText();
        assertEquals("pro", created.path("customData").path("plan").asText());
        assertEquals(12, created.path("customData").path("seats").asInt());
        assertTrue(created.path("isMfaRequired").asBoolean());
        assertEquals("https://cdn.example.com/logo.png", created.path("branding").path("logoUrl").asText());

        JsonNode read = json(http.toBlocking().retrieve(HttpRequest.GET("/api/organizations/" + org).bearerAuth(management)));
        assertEquals(created.path("customData"), read.path("customData"));
        assertEquals("http://x.example/d.svg", read.path("branding").path("darkLogoUrl").asText());

        // PATCH: customData and branding are replaced whole; what is absent stays.
        JsonNode patched = json(http.toBlocking().retrieve(HttpRequest.PATCH("/api/organizations/" + org,
                Map.of("customData", Map.of("plan", "free"), "branding", Map.of("logoUrl", "https://l.example/n.png")))
                .bearerAuth(management)));
        assertEquals(json("{\"plan\":\"free\"}"), patched.path("customData"));
        assertTrue(patched.path("isMfaRequired").asBoolean());
        assertFalse(patched.path("branding").hasNonNull("darkLogoUrl"));
        assertEquals("Fields", patched.path("name").asText());
        JsonNode off = json(http.toBlocking().retrieve(HttpRequest.PATCH("/api/organizations/" + org,
                Map.of("isMfaRequired", false)).bearerAuth(management)));
        assertFalse(off.path("isMfaRequired").asBoolean());
        assertEquals("free", off.path("customData").path("plan").asText());

        // Both events carry the fields (eventsOf checks each against its schema).
        List<JsonNode> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> eventsOf(org), e -> e.size() >= 3);
        JsonNode createdEvent = events.get(0).path("data");
        assertEquals("OrganizationCreated", events.get(0).path("type").asText());
        assertEquals(12, createdEvent.path("customData").path("seats").asInt());
        assertTrue(createdEvent.path("isMfaRequired").asBoolean());
        assertEquals("https://cdn.example.com/logo.png", createdEvent.path("branding").path("logoUrl").asText());
        JsonNode updatedEvent = events.get(1).path("data");
        assertEquals("OrganizationUpdated", events.get(1).path("type").asText());
        assertEquals("free", updatedEvent.path("customData").path("plan").asText());
        assertEquals("https://l.example/n.png", updatedEvent.path("branding").path("logoUrl").asText());
        assertFalse(events.get(2).path("data").path("isMfaRequired").asBoolean());
    }

    @Test
    void theAppApiReadsAndChangesThemWithAnOrganizationToken() {
        Account admin = signUp();
        String org = createOrganization(admin, "App fields");
        String token = organizationToken(admin, org);
        JsonNode fresh = json(http.toBlocking().retrieve(HttpRequest.GET("/organizations/" + org).bearerAuth(token)));
        assertEquals(json("{}"), fresh.path("customData"));
        assertFalse(fresh.path("isMfaRequired").asBoolean());
        assertFalse(fresh.path("branding").hasNonNull("logoUrl"));

        http.toBlocking().retrieve(HttpRequest.PATCH("/organizations/" + org, Map.of("customData",
                Map.of("theme", "dark"), "branding", Map.of("logoUrl", "https://a.example/l.png")))
                .bearerAuth(token));
        JsonNode read = json(http.toBlocking().retrieve(HttpRequest.GET("/organizations/" + org).bearerAuth(token)));
        assertEquals("dark", read.path("customData").path("theme").asText());
        assertFalse(read.path("isMfaRequired").asBoolean());
        assertEquals("https://a.example/l.png", read.path("branding").path("logoUrl").asText());
    }

    /**
     * Logto's rule: members without MFA set up get no organization token from an organization that requires it.
     * No one can set MFA up here yet, so no member gets one, and the tokens they hold are refused from the change on.
     * So only the Management API turns it on: through the App API a narrower role than Admin's could shut out every
     * Admin, which holding manage:organization does not entitle it to.
     */
    @Test
    void anOrganizationThatRequiresMfaGivesItsMembersNoOrganizationToken() throws Exception {
        Account admin = signUp();
        Account member = signUp();
        String org = createOrganization(admin, "Mfa required");
        addMember(org, member, "Member");
        String adminToken = organizationToken(admin, org);
        String memberToken = organizationToken(member, org);
        long before = claimsOf(memberToken).getLongClaim("organization_authority_version");

        HttpClientResponseException byMember = failure(HttpRequest.PATCH("/organizations/" + org,
                Map.of("name", "Renamed", "isMfaRequired", true)).bearerAuth(adminToken));
        assertEquals(422, byMember.getStatus().getCode(), body(byMember));
        assertEquals("isMfaRequired", json(body(byMember)).path("errors").path(0).path("field").asText());
        JsonNode unchanged = json(http.toBlocking().retrieve(HttpRequest.GET("/organizations/" + org)
                .bearerAuth(adminToken)));
        assertEquals("Mfa required", unchanged.path("name").asText(), "nothing of the refused request was kept");
        assertFalse(unchanged.path("isMfaRequired").asBoolean());

        JsonNode on = json(http.toBlocking().retrieve(HttpRequest.PATCH("/api/organizations/" + org,
                Map.of("isMfaRequired", true)).bearerAuth(managementToken())));
        assertTrue(on.path("isMfaRequired").asBoolean());

        String indicator = "https://mfa-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        created("/api/resources", Map.of("name", "Behind MFA", "indicator", indicator), managementToken());
        for (Account someone : List.of(admin, member)) {
            HttpClientResponseException denied = failure(tokenRequest(form("grant_type", "refresh_token",
                    "refresh_token", latestRefresh(someone), "organization_id", org)));
            assertEquals(403, denied.getStatus().getCode(), body(denied));
            assertEquals("access_denied", json(body(denied)).path("error").asText());
            assertTrue(body(denied).contains("multi-factor"), body(denied));
            // An API resource's token of the member's organization roles is an organization's token too.
            HttpClientResponseException resource = failure(tokenRequest(form("grant_type", "refresh_token",
                    "refresh_token", latestRefresh(someone), "organization_id", org, "resource", indicator)));
            assertEquals(403, resource.getStatus().getCode(), body(resource));
            assertTrue(body(resource).contains("multi-factor"), body(resource));
            // Refused before anything was spent: the same refresh token still gives a user token.
            JsonNode user = refresh(latestRefresh(someone));
            rememberRefresh(someone, user.path("refresh_token").asText());
        }
        // The tokens held from before end with the change, not at their expiry.
        awaitTokenRefused("/organizations/" + org, memberToken);
        awaitTokenRefused("/organizations/" + org, adminToken);
        List<JsonNode> announced = await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(org).stream()
                .filter(e -> e.path("type").asText().equals("MemberRolesChanged"))
                .filter(e -> e.path("data").path("userId").asText().equals(member.id()))
                .map(e -> e.path("data")).toList(),
                l -> l.stream().anyMatch(e -> e.path("authorityVersion").asLong() > before));
        JsonNode last = announced.get(announced.size() - 1);
        assertTrue(last.path("authorityVersion").asLong() > before, last.toString());
        assertEquals(json("[\"Member\"]"), last.path("roles"), "the roles themselves unchanged");

        // Turning it off lets members have organization tokens again.
        assertEquals(200, status(HttpRequest.PATCH("/api/organizations/" + org, Map.of("isMfaRequired", false))
                .bearerAuth(managementToken())));
        String again = organizationToken(member, org);
        assertEquals(200, status(HttpRequest.GET("/organizations/" + org).bearerAuth(again)));
    }

    @Test
    void badFieldsAre400WithTheField() {
        String management = managementToken();
        String big = "x".repeat(9000);
        assertBadField(Map.of("name", "Big", "customData", Map.of("blob", big)), "customData", management);
        assertBadField(Map.of("name", "List", "customData", List.of(1, 2)), "customData", management);
        assertBadField(Map.of("name", "Mfa", "isMfaRequired", "yes"), "isMfaRequired", management);
        for (String url : List.of("ftp://x.example/l.png", "/relative/logo.png", "javascript:alert(1)", "https://")) {
            assertBadField(Map.of("name", "Logo", "branding", Map.of("logoUrl", url)), "branding.logoUrl", management);
        }
        assertBadField(Map.of("name", "Dark", "branding", Map.of("darkLogoUrl", "data:image/png;base64,AAAA")),
                "branding.darkLogoUrl", management);
        Map<String, Object> unknown = new HashMap<>(Map.of("name", "Unknown"));
        unknown.put("branding", Map.of("favicon", "https://x.example/f.ico"));
        assertEquals(400, status(HttpRequest.POST("/api/organizations", unknown).bearerAuth(management)));
    }

    private void assertBadField(Map<String, Object> body, String field, String management) {
        HttpClientResponseException e = failure(HttpRequest.POST("/api/organizations", body).bearerAuth(management));
        assertEquals(400, e.getStatus().getCode(), body(e));
        assertTrue(body(e).contains(field), body(e));
    }
}
