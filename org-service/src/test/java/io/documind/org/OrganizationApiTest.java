package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app API with organization tokens: scopes, the Admin rule, and other organizations kept out. */
@MicronautTest(transactional = false)
class OrganizationApiTest extends OrgServiceTest {

    @Test
    void creatingAnOrganizationEmitsValidEventsAndMakesTheCreatorAdmin() {
        Account admin = signUp();
        String org = createOrganization(admin, "Acme");
        List<JsonNode> events = await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(org), e -> e.size() >= 2);
        assertEquals(List.of("OrganizationCreated", "MembershipCreated"), types(events));
        JsonNode createdBy = events.get(0).path("data").path("createdBy");
        assertEquals(admin.id(), createdBy.path("userId").asText());
        assertEquals(admin.email(), createdBy.path("email").asText());
        assertEquals("CREATOR", events.get(1).path("data").path("source").asText());

        JsonNode mine = json(http.toBlocking().retrieve(HttpRequest.GET("/me/organizations").bearerAuth(admin.accessToken())));
        assertEquals("Admin", mine.get(0).path("organizationRoles").get(0).asText());
    }

    @Test
    void readUpdateAndDeleteFollowTheTokensScopes() {
        Account admin = signUp();
        Account collaborator = signUp();
        String org = createOrganization(admin, "Scoped");
        String adminToken = organizationToken(admin, org);
        addMember(org, collaborator, "Collaborator");
        String collaboratorToken = organizationToken(collaborator, org);

        assertEquals(200, status(HttpRequest.GET("/organizations/" + org).bearerAuth(collaboratorToken)));
        HttpClientResponseException forbidden = failure(HttpRequest.PATCH("/organizations/" + org, Map.of("name", "Mine"))
                .bearerAuth(collaboratorToken));
        assertEquals(403, forbidden.getStatus().getCode());
        assertTrue(forbidden.getResponse().getHeaders().get("WWW-Authenticate").contains("insufficient_scope"));
        assertEquals(403, status(HttpRequest.DELETE("/organizations/" + org).bearerAuth(collaboratorToken)));

        JsonNode renamed = json(http.toBlocking().retrieve(HttpRequest.PATCH("/organizations/" + org,
                Map.of("name", "Renamed")).bearerAuth(adminToken)));
        assertEquals("Renamed", renamed.path("name").asText());
        assertEquals(204, status(HttpRequest.DELETE("/organizations/" + org).bearerAuth(adminToken)));
        // From the deletion's commit on, every token of the organization asks for a new one (whose grant is refused).
        HttpClientResponseException gone = failure(HttpRequest.GET("/organizations/" + org).bearerAuth(adminToken));
        assertEquals(401, gone.getStatus().getCode());
        assertTrue(gone.getResponse().getHeaders().get("WWW-Authenticate").contains("invalid_token"));
        List<String> types = await().atMost(Duration.ofSeconds(30))
                .until(() -> types(eventsOf(org)), t -> t.contains("OrganizationDeleted"));
        assertTrue(types.contains("OrganizationUpdated"));
    }

    @Test
    void anotherOrganizationsTokenSeesNothingOfIt() {
        Account alice = signUp();
        Account bob = signUp();
        String a = createOrganization(alice, "A");
        String b = createOrganization(bob, "B");
        String bobInB = organizationToken(bob, b);
        List<HttpRequest<?>> intoA = List.of(
                HttpRequest.GET("/organizations/" + a),
                HttpRequest.PATCH("/organizations/" + a, Map.of("name", "Taken")),
                HttpRequest.DELETE("/organizations/" + a),
                HttpRequest.GET("/organizations/" + a + "/members"),
                HttpRequest.PUT("/organizations/" + a + "/members/" + alice.id() + "/roles",
                        Map.of("organizationRoleNames", List.of("Collaborator"))),
                HttpRequest.DELETE("/organizations/" + a + "/members/" + alice.id()));
        for (HttpRequest<?> request : intoA) {
            HttpClientResponseException e = failure(((io.micronaut.http.MutableHttpRequest<?>) request).bearerAuth(bobInB));
            assertEquals(404, e.getStatus().getCode(), request.toString());
        }
        // Through its own organization's path, B's Admin reaches no member of A either: Alice is not in B.
        for (HttpRequest<?> request : List.<HttpRequest<?>>of(
                HttpRequest.PUT("/organizations/" + b + "/members/" + alice.id() + "/roles",
                        Map.of("organizationRoleNames", List.of("Collaborator"))),
                HttpRequest.DELETE("/organizations/" + b + "/members/" + alice.id()))) {
            HttpClientResponseException e = failure(((io.micronaut.http.MutableHttpRequest<?>) request).bearerAuth(bobInB));
            assertEquals(404, e.getStatus().getCode(), request.toString());
        }
        JsonNode bMembers = json(http.toBlocking().retrieve(HttpRequest.GET("/organizations/" + b + "/members")
                .bearerAuth(bobInB)));
        assertEquals(1, bMembers.size(), "nobody of A listed or added in B");
        assertEquals(bob.id(), bMembers.get(0).path("id").asText());
        // Nor does Alice's own list of organizations show B.
        assertEquals(List.of(a), myOrganizations(alice));
        // Nothing changed in A.
        String aliceInA = organizationToken(alice, a);
        JsonNode org = json(http.toBlocking().retrieve(HttpRequest.GET("/organizations/" + a).bearerAuth(aliceInA)));
        assertEquals("A", org.path("name").asText());
        JsonNode members = json(http.toBlocking().retrieve(HttpRequest.GET("/organizations/" + a + "/members").bearerAuth(aliceInA)));
        assertEquals(1, members.size());
        assertEquals("Admin", members.get(0).path("organizationRoles").get(0).path("name").asText());
    }

    @Test
    void theLastAdminCanNeitherLeaveNorBeDemotedButOthersCan() {
        Account admin = signUp();
        Account member = signUp();
        String org = createOrganization(admin, "Guarded");
        addMember(org, member, "Member");
        String adminToken = organizationToken(admin, org);

        assertEquals(422, status(HttpRequest.DELETE("/organizations/" + org + "/members/" + admin.id()).bearerAuth(adminToken)));
        assertEquals(422, status(HttpRequest.PUT("/organizations/" + org + "/members/" + admin.id() + "/roles",
                Map.of("organizationRoleNames", List.of("Member"))).bearerAuth(adminToken)));

        HttpResponse<String> promoted = http.toBlocking().exchange(HttpRequest.PUT("/organizations/" + org + "/members/"
                + member.id() + "/roles", Map.of("organizationRoleNames", List.of("Admin"))).bearerAuth(adminToken), String.class);
        assertEquals(200, promoted.code());
        JsonNode promotedMember = json(promoted.body());
        assertEquals(member.id(), promotedMember.path("id").asText());
        assertEquals(member.email(), promotedMember.path("primaryEmail").asText());
        assertEquals(List.of("Admin"), promotedMember.path("organizationRoles").findValuesAsText("name"),
                "the member as it now is");
        assertEquals(204, status(HttpRequest.DELETE("/organizations/" + org + "/members/" + admin.id()).bearerAuth(adminToken)),
                "with a second Admin the first may leave");
        List<String> types = await().atMost(Duration.ofSeconds(30))
                .until(() -> types(eventsOf(org)), t -> t.contains("MembershipRemoved"));
        assertTrue(types.contains("MemberRolesChanged"));
    }

    @Test
    void aSuspendedAdminIsNotAnotherAdminButMayBeDemotedOrRemovedByTheActiveOne() {
        Account admin = signUp();
        Account second = signUp();
        Account third = signUp();
        String org = createOrganization(admin, "Suspended Admins");
        addMember(org, second, "Admin");
        addMember(org, third, "Admin");
        String adminToken = organizationToken(admin, org);
        for (Account suspended : List.of(second, third)) {
            HttpRequest<?> suspend = HttpRequest.PATCH("/api/users/" + suspended.id() + "/is-suspended",
                    Map.of("isSuspended", true)).bearerAuth(managementToken());
            assertTrue(json(http.toBlocking().retrieve(suspend)).path("isSuspended").asBoolean());
        }

        // The suspended Admins can get no token: with only them beside it, the active one is still the last.
        HttpClientResponseException leaving = failure(HttpRequest.DELETE("/organizations/" + org + "/members/"
                + admin.id()).bearerAuth(adminToken));
        assertEquals(422, leaving.getStatus().getCode());
        assertTrue(body(leaving).contains("last Admin"), body(leaving));
        HttpClientResponseException demoted = failure(HttpRequest.PUT("/organizations/" + org + "/members/"
                + admin.id() + "/roles", Map.of("organizationRoleNames", List.of("Member"))).bearerAuth(adminToken));
        assertEquals(422, demoted.getStatus().getCode());
        assertTrue(body(demoted).contains("last Admin"), body(demoted));
        // A suspended Admin, still Admin, may be demoted or removed: the active Admin stays.
        assertEquals(200, status(HttpRequest.PUT("/organizations/" + org + "/members/" + second.id() + "/roles",
                Map.of("organizationRoleNames", List.of("Member"))).bearerAuth(adminToken)));
        assertEquals(204, status(HttpRequest.DELETE("/organizations/" + org + "/members/" + third.id()).bearerAuth(adminToken)));
    }

    @Test
    void aMemberMayLeaveButNotRemoveOthersWithoutDeleteMember() {
        Account admin = signUp();
        Account member = signUp();
        Account other = signUp();
        String org = createOrganization(admin, "Leaving");
        addMember(org, member, "Member");
        addMember(org, other, "Member");
        String memberToken = organizationToken(member, org);
        assertEquals(403, status(HttpRequest.DELETE("/organizations/" + org + "/members/" + other.id()).bearerAuth(memberToken)));
        assertEquals(204, status(HttpRequest.DELETE("/organizations/" + org + "/members/" + member.id()).bearerAuth(memberToken)));
        HttpClientResponseException gone = failure(tokenRequest(form("grant_type", "refresh_token",
                "refresh_token", latestRefresh(member), "organization_id", org)));
        assertEquals("access_denied", json(body(gone)).path("error").asText(), "a removed member gets no new token");
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        Account admin = signUp();
        String org = createOrganization(admin, "Strict");
        String token = organizationToken(admin, org);
        for (Object patch : List.of(Map.of("name", " "), Map.of("name", "\u2003"), Map.of("name", "x".repeat(129)),
                Map.of("owner", "me"), Map.of("description", "d".repeat(2001)))) {
            HttpClientResponseException e = failure(HttpRequest.PATCH("/organizations/" + org, patch).bearerAuth(token));
            assertEquals(400, e.getStatus().getCode(), patch.toString());
            assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        }
        assertEquals(400, status(HttpRequest.POST("/organizations", "{\"name\":").contentType("application/json")
                .bearerAuth(admin.accessToken())));
        assertEquals(422, status(HttpRequest.PUT("/organizations/" + org + "/members/" + admin.id() + "/roles",
                Map.of("organizationRoleNames", List.of("Emperor"))).bearerAuth(token)));
        assertEquals(400, status(HttpRequest.GET("/organizations/not-a-uuid").bearerAuth(token)));
        JsonNode unchanged = json(http.toBlocking().retrieve(HttpRequest.GET("/organizations/" + org).bearerAuth(token)));
        assertEquals("Strict", unchanged.path("name").asText());
    }
}
