package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 13 point 7: the shapes a Logto client expects, and paging of the app API's two lists. */
@MicronautTest(transactional = false)
class LogtoShapesTest extends OrgServiceTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Test
    void aMembersScopesAreObjectsAndANonMemberIs422() {
        String management = managementToken();
        Account user = signUp();
        Account outsider = signUp();
        String org = createdByManagement(management, "Scoped shapes");
        addMember(org, user, "Collaborator");

        JsonNode scopes = json(http.toBlocking().retrieve(HttpRequest.GET("/api/organizations/" + org + "/users/"
                + user.id() + "/scopes").bearerAuth(management)));
        assertEquals(1, scopes.size());
        assertEquals("read:documents", scopes.get(0).path("name").asText());
        assertFalse(scopes.get(0).path("id").asText().isEmpty());
        assertTrue(scopes.get(0).has("description"));

        HttpClientResponseException notMember = failure(HttpRequest.GET("/api/organizations/" + org + "/users/"
                + outsider.id() + "/scopes").bearerAuth(management));
        assertEquals(422, notMember.getStatus().getCode());
        assertEquals(404, status(HttpRequest.GET("/api/organizations/" + java.util.UUID.randomUUID() + "/users/"
                + user.id() + "/scopes").bearerAuth(management)));
    }

    @Test
    void membersAreUserObjectsWithTheirOrganizationRolesInBothApis() {
        Account admin = signUp();
        String org = createOrganization(admin, "User objects");
        JsonNode appMember = json(http.toBlocking().retrieve(HttpRequest.GET("/organizations/" + org + "/members")
                .bearerAuth(organizationToken(admin, org)))).get(0);
        JsonNode managementMember = json(http.toBlocking().retrieve(HttpRequest.GET("/api/organizations/" + org
                + "/users").bearerAuth(managementToken()))).get(0);
        for (JsonNode member : List.of(appMember, managementMember)) {
            assertEquals(admin.id(), member.path("id").asText());
            assertEquals(admin.email(), member.path("primaryEmail").asText());
            assertEquals("User " + admin.email(), member.path("name").asText());
            assertEquals("Admin", member.path("organizationRoles").get(0).path("name").asText());
            assertEquals("00000000-0000-4000-8000-000000000001",
                    member.path("organizationRoles").get(0).path("id").asText());
        }
    }

    @Test
    void bulkRolesGoToEveryNamedMemberAndIdsAndNamesMerge() {
        String management = managementToken();
        Account a = signUp();
        Account b = signUp();
        Account outsider = signUp();
        String org = createdByManagement(management, "Bulk");
        assertEquals(201, status(HttpRequest.POST("/api/organizations/" + org + "/users",
                Map.of("userIds", List.of(a.id(), b.id()))).bearerAuth(management)));
        String collaborator = roleId(management, "Collaborator");

        assertEquals(201, status(HttpRequest.POST("/api/organizations/" + org + "/users/roles",
                Map.of("userIds", List.of(a.id(), b.id()), "organizationRoleIds", List.of(collaborator),
                        "organizationRoleNames", List.of("Member"))).bearerAuth(management)));
        for (Account member : List.of(a, b)) {
            JsonNode roles = json(http.toBlocking().retrieve(HttpRequest.GET("/api/organizations/" + org + "/users/"
                    + member.id() + "/roles").bearerAuth(management)));
            assertEquals(List.of("Collaborator", "Member"), roles.findValuesAsText("name").stream().sorted().toList());
        }
        // A non-member among them: 422 and nobody changes.
        HttpClientResponseException refused = failure(HttpRequest.POST("/api/organizations/" + org + "/users/roles",
                Map.of("userIds", List.of(a.id(), outsider.id()), "organizationRoleNames", List.of("Admin")))
                .bearerAuth(management));
        assertEquals(422, refused.getStatus().getCode());
        assertFalse(json(http.toBlocking().retrieve(HttpRequest.GET("/api/organizations/" + org + "/users/" + a.id()
                + "/roles").bearerAuth(management))).findValuesAsText("name").contains("Admin"));
        assertEquals(400, status(HttpRequest.POST("/api/organizations/" + org + "/users/roles",
                Map.of("userIds", List.of(a.id()))).bearerAuth(management)));
        assertEquals(404, status(HttpRequest.POST("/api/organizations/" + java.util.UUID.randomUUID() + "/users/roles",
                Map.of("userIds", List.of(a.id()), "organizationRoleNames", List.of("Member"))).bearerAuth(management)));
    }

    @Test
    void membersAndMyOrganizationsArePagedWithACursorToFollow() {
        String management = managementToken();
        Account admin = signUp();
        String org = createOrganization(admin, "Paged");
        List<String> joined = new ArrayList<>(List.of(admin.id()));
        for (int i = 0; i < 4; i++) {
            Account member = signUp();
            addMember(org, member, "Member");
            joined.add(member.id());
        }
        String token = organizationToken(admin, org);
        assertEquals(joined, follow("/organizations/" + org + "/members?limit=2", token, "id"));

        List<String> mine = new ArrayList<>(List.of(org));
        for (int i = 0; i < 2; i++) {
            String other = createdByManagement(management, "Mine " + i);
            addMember(other, admin, "Collaborator");
            mine.add(other);
        }
        assertEquals(mine, follow("/me/organizations?limit=1", admin.accessToken(), "id"));
        HttpResponse<String> whole = http.toBlocking().exchange(HttpRequest.GET("/me/organizations")
                .bearerAuth(admin.accessToken()), String.class);
        assertNull(whole.header("Link"), "a last page has no next");

        for (String bad : List.of("limit=0", "limit=101", "cursor=!!!", "cursor=bm90LWEtY3Vyc29y")) {
            assertEquals(400, status(HttpRequest.GET("/me/organizations?" + bad).bearerAuth(admin.accessToken())), bad);
            assertEquals(400, status(HttpRequest.GET("/organizations/" + org + "/members?" + bad).bearerAuth(token)), bad);
        }
    }

    /** Reads every page by following the Link rel="next" headers; returns the field of every item in order. */
    private List<String> follow(String first, String token, String field) {
        List<String> values = new ArrayList<>();
        String next = first;
        int pages = 0;
        while (next != null) {
            HttpResponse<String> page = http.toBlocking().exchange(HttpRequest.GET(next).bearerAuth(token), String.class);
            JsonNode items = json(page.body());
            assertTrue(items.size() <= 2, "page size respected");
            items.forEach(i -> values.add(i.path(field).asText()));
            String link = page.header("Link");
            if (link == null) {
                next = null;
            } else {
                Matcher m = NEXT.matcher(link);
                assertTrue(m.find(), link);
                next = m.group(1);
            }
            assertTrue(++pages < 10, "paging ends");
        }
        return values;
    }

    private String createdByManagement(String management, String name) {
        return json(http.toBlocking().retrieve(HttpRequest.POST("/api/organizations", Map.of("name", name))
                .bearerAuth(management))).path("id").asText();
    }

    private String roleId(String management, String name) {
        for (JsonNode role : json(http.toBlocking().retrieve(HttpRequest.GET("/api/organization-roles")
                .bearerAuth(management)))) {
            if (role.path("name").asText().equals(name)) {
                return role.path("id").asText();
            }
        }
        throw new AssertionError("no role " + name);
    }
}
