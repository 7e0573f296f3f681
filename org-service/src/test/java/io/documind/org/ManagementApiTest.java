package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Logto-shaped Management API with a management token from client credentials. */
@MicronautTest(transactional = false)
class ManagementApiTest extends OrgServiceTest {

    private <T> MutableHttpRequest<T> m(MutableHttpRequest<T> request) {
        return request.bearerAuth(managementToken());
    }

    private JsonNode call(MutableHttpRequest<?> request) {
        return json(http.toBlocking().retrieve(m(request)));
    }

    /** DESIGN §5: every Management API list pages; the short ones (template, one holder's grants) as Logto does. */
    @Test
    void theShortListsPageOnRequestWithTheirTotal() {
        for (String list : List.of("/api/organization-scopes", "/api/organization-roles",
                "/api/organization-roles/" + roleId("Admin") + "/scopes")) {
            HttpResponse<String> all = http.toBlocking().exchange(m(HttpRequest.GET(list)), String.class);
            int total = json(all.body()).size();
            assertTrue(total >= 3, list + ": " + total);
            assertEquals(String.valueOf(total), all.header("Total-Number"), list);

            HttpResponse<String> first = http.toBlocking().exchange(m(HttpRequest.GET(list + "?page_size=2")), String.class);
            assertEquals(2, json(first.body()).size(), list);
            assertEquals(String.valueOf(total), first.header("Total-Number"), list);
            JsonNode second = call(HttpRequest.GET(list + "?page=2&page_size=2"));
            assertEquals(json(all.body()).get(2), second.get(0), list + ": the page after the first two");
            assertEquals(0, call(HttpRequest.GET(list + "?page=1000&page_size=100")).size(), list);
            assertEquals(400, status(m(HttpRequest.GET(list + "?page_size=101"))), list);
            assertEquals(400, status(m(HttpRequest.GET(list + "?page=0"))), list);
        }
    }

    @Test
    void organizationsCrudSearchAndPagination() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> created = http.toBlocking().exchange(m(HttpRequest.POST("/api/organizations",
                    Map.of("name", "Search-" + tag + "-" + i))), String.class);
            assertEquals(201, created.code());
        }
        HttpResponse<String> page = http.toBlocking().exchange(m(HttpRequest.GET(
                "/api/organizations?q=search-" + tag + "&page=1&page_size=2")), String.class);
        assertEquals(2, json(page.body()).size());
        assertEquals("3", page.header("Total-Number"));
        JsonNode second = call(HttpRequest.GET("/api/organizations?q=search-" + tag + "&page=2&page_size=2"));
        assertEquals(1, second.size());

        String id = second.get(0).path("id").asText();
        assertEquals("Patched", call(HttpRequest.PATCH("/api/organizations/" + id, Map.of("name", "Patched"))).path("name").asText());
        assertEquals(204, status(m(HttpRequest.DELETE("/api/organizations/" + id))));
        assertEquals(404, status(m(HttpRequest.GET("/api/organizations/" + id))));
        // A machine-created organization has no creator, so nobody becomes Admin.
        JsonNode createdEvent = await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(id), e -> !e.isEmpty()).get(0);
        assertTrue(createdEvent.path("data").path("createdBy").isMissingNode() || createdEvent.path("data").path("createdBy").isNull());

        for (String bad : List.of("page_size=0", "page_size=101", "page_size=-5", "page=0", "page_size=99999999999")) {
            assertEquals(400, status(m(HttpRequest.GET("/api/organizations?" + bad))), bad);
        }
    }

    @Test
    void usersOfAnOrganizationTheirRolesAndScopes() {
        Account user = signUp();
        String org = call(HttpRequest.POST("/api/organizations", Map.of("name", "Managed"))).path("id").asText();

        assertEquals(201, status(m(HttpRequest.POST("/api/organizations/" + org + "/users", Map.of("userIds", List.of(user.id()))))));
        assertEquals(422, status(m(HttpRequest.POST("/api/organizations/" + org + "/users", Map.of("userIds", List.of("ghost"))))));
        Account other = signUp();
        assertEquals(422, status(m(HttpRequest.POST("/api/organizations/" + org + "/users",
                Map.of("userIds", List.of(other.id(), "ghost"))))));
        assertEquals(List.of(user.id()), call(HttpRequest.GET("/api/organizations/" + org + "/users")).findValuesAsText("id"),
                "one unknown user and nobody is added");
        String memberRole = call(HttpRequest.GET("/api/organization-roles")).findValues("name").stream()
                .filter(n -> n.asText().equals("Member")).findFirst().map(n -> "Member").orElseThrow();
        assertEquals(201, status(m(HttpRequest.POST("/api/organizations/" + org + "/users/" + user.id() + "/roles",
                Map.of("organizationRoleNames", List.of(memberRole))))));
        JsonNode roles = call(HttpRequest.GET("/api/organizations/" + org + "/users/" + user.id() + "/roles"));
        assertEquals("Member", roles.get(0).path("name").asText());
        JsonNode scopes = call(HttpRequest.GET("/api/organizations/" + org + "/users/" + user.id() + "/scopes"));
        assertEquals(4, scopes.size());

        String collaboratorId = roleId("Collaborator");
        assertEquals(204, status(m(HttpRequest.PUT("/api/organizations/" + org + "/users/" + user.id() + "/roles",
                Map.of("organizationRoleIds", List.of(collaboratorId))))));
        assertEquals(List.of("read:documents"), List.of(call(HttpRequest.GET(
                "/api/organizations/" + org + "/users/" + user.id() + "/scopes")).get(0).path("name").asText()));
        // Ids and names together are merged, as Logto does.
        assertEquals(204, status(m(HttpRequest.PUT("/api/organizations/" + org + "/users/" + user.id() + "/roles",
                Map.of("organizationRoleIds", List.of(collaboratorId), "organizationRoleNames", List.of("Admin", "Collaborator"))))));
        assertEquals(List.of("Admin", "Collaborator"), call(HttpRequest.GET("/api/organizations/" + org + "/users/"
                + user.id() + "/roles")).findValuesAsText("name").stream().sorted().toList());
        assertEquals(204, status(m(HttpRequest.DELETE("/api/organizations/" + org + "/users/" + user.id() + "/roles/"
                + roleId("Admin")))));
        assertEquals(204, status(m(HttpRequest.DELETE("/api/organizations/" + org + "/users/" + user.id() + "/roles/" + collaboratorId))));
        assertEquals(204, status(m(HttpRequest.PUT("/api/organizations/" + org + "/users/" + user.id() + "/roles",
                Map.of("organizationRoleIds", List.of(collaboratorId, roleId("Member")))))));
        assertEquals(List.of("Collaborator", "Member"), call(HttpRequest.GET("/api/organizations/" + org + "/users/"
                + user.id() + "/roles")).findValuesAsText("name").stream().sorted().toList());

        JsonNode userOrgs = call(HttpRequest.GET("/api/users/" + user.id() + "/organizations"));
        assertEquals(org, userOrgs.get(0).path("id").asText());

        assertEquals(204, status(m(HttpRequest.PUT("/api/organizations/" + org + "/users", Map.of("userIds", List.of())))));
        assertEquals(0, call(HttpRequest.GET("/api/organizations/" + org + "/users")).size());
        assertEquals(404, status(m(HttpRequest.GET("/api/organizations/" + UUID.randomUUID() + "/users"))));
        List<String> types = await().atMost(Duration.ofSeconds(30))
                .until(() -> types(eventsOf(org)), t -> t.contains("MembershipRemoved"));
        assertTrue(types.containsAll(List.of("MembershipCreated", "MemberRolesChanged")));
    }

    @Test
    void theTemplateIsEditableAndEveryChangeIsAnnounced() {
        JsonNode roles = call(HttpRequest.GET("/api/organization-roles"));
        assertEquals(List.of("Admin", "Collaborator", "Member"),
                roles.findValuesAsText("name").stream().filter(List.of("Admin", "Collaborator", "Member")::contains).toList());
        String scopeName = "export:documents-" + UUID.randomUUID().toString().substring(0, 4);
        JsonNode scope = call(HttpRequest.POST("/api/organization-scopes", Map.of("name", scopeName, "description", "Export")));
        String scopeId = scope.path("id").asText();
        assertEquals(422, status(m(HttpRequest.POST("/api/organization-scopes", Map.of("name", scopeName)))));
        assertEquals(400, status(m(HttpRequest.POST("/api/organization-scopes", Map.of("name", "has spaces")))));

        JsonNode role = call(HttpRequest.POST("/api/organization-roles", Map.of("name", "Auditor-" + scopeName,
                "organizationScopeIds", List.of(scopeId))));
        String roleId = role.path("id").asText();
        assertEquals(scopeName, call(HttpRequest.GET("/api/organization-roles/" + roleId + "/scopes")).get(0).path("name").asText());
        String readId = scopeId("read:documents");
        assertEquals(201, status(m(HttpRequest.POST("/api/organization-roles/" + roleId + "/scopes",
                Map.of("organizationScopeIds", List.of(readId))))));
        assertEquals(2, call(HttpRequest.GET("/api/organization-roles/" + roleId + "/scopes")).size());
        assertEquals(204, status(m(HttpRequest.PUT("/api/organization-roles/" + roleId + "/scopes",
                Map.of("organizationScopeIds", List.of(readId))))));
        assertEquals(204, status(m(HttpRequest.DELETE("/api/organization-roles/" + roleId + "/scopes/" + readId))));
        assertEquals(404, status(m(HttpRequest.DELETE("/api/organization-roles/" + roleId + "/scopes/" + readId))));
        assertEquals(422, status(m(HttpRequest.POST("/api/organization-roles/" + roleId + "/scopes",
                Map.of("organizationScopeIds", List.of(UUID.randomUUID()))))));
        assertEquals("Renamed-" + scopeName, call(HttpRequest.PATCH("/api/organization-roles/" + roleId,
                Map.of("name", "Renamed-" + scopeName))).path("name").asText());
        assertEquals(204, status(m(HttpRequest.DELETE("/api/organization-roles/" + roleId))));
        assertEquals(204, status(m(HttpRequest.DELETE("/api/organization-scopes/" + scopeId))));

        List<JsonNode> changes = await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf("platform"),
                e -> e.stream().filter(x -> x.path("type").asText().equals("OrganizationTemplateChanged")).count() >= 6);
        JsonNode last = changes.get(changes.size() - 1).path("data").path("roles");
        assertTrue(last.findValuesAsText("name").containsAll(List.of("Admin", "Member", "Collaborator")));
    }

    @Test
    void memberListsShowAMembersCurrentEmail() {
        Account member = signUp();
        String org = createOrganization(member, "Renamed member");
        String changed = "changed-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        call(HttpRequest.PATCH("/api/users/" + member.id(), Map.of("primaryEmail", changed)));

        assertEquals(changed, call(HttpRequest.GET("/api/organizations/" + org + "/users")).get(0).path("primaryEmail").asText());
        // A new address ends the sign-ins made under the old one: the member signs in again.
        JsonNode signedIn = tokenResponse(form("grant_type", "password", "username", changed, "password", PASSWORD));
        rememberRefresh(member, signedIn.path("refresh_token").asText());
        JsonNode members = json(http.toBlocking().retrieve(HttpRequest.GET("/organizations/" + org + "/members")
                .bearerAuth(organizationToken(member, org))));
        assertEquals(changed, members.get(0).path("primaryEmail").asText());
    }

    @Test
    void usersAndApplications() {
        String email = "managed-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        JsonNode user = call(HttpRequest.POST("/api/users", Map.of("primaryEmail", email, "name", "Managed")));
        String id = user.path("id").asText();
        assertFalse(user.path("hasPassword").asBoolean());
        assertEquals(409, status(m(HttpRequest.POST("/api/users", Map.of("primaryEmail", email.toUpperCase(), "name", "Dup")))));
        assertEquals("New", call(HttpRequest.PATCH("/api/users/" + id, Map.of("name", "New"))).path("name").asText());
        assertEquals(400, status(m(HttpRequest.PATCH("/api/users/" + id, Map.of("password", "weak")))));
        assertEquals(1, call(HttpRequest.GET("/api/users?search=" + email)).size());
        assertEquals(204, status(m(HttpRequest.DELETE("/api/users/" + id))));
        assertEquals(404, status(m(HttpRequest.GET("/api/users/" + id))));

        JsonNode app = call(HttpRequest.POST("/api/applications", Map.of("name", "CI bot", "managementAccess", true)));
        String appId = app.path("id").asText();
        String secret = app.path("secret").asText();
        assertNotNull(secret);
        assertTrue(app.path("managementAccess").asBoolean());
        assertFalse(call(HttpRequest.GET("/api/applications/" + appId)).hasNonNull("secret"), "shown once only");
        assertEquals(200, status(tokenRequest(form("grant_type", "client_credentials", "client_id", appId, "client_secret", secret))));
        String rotated = call(HttpRequest.POST("/api/applications/" + appId + "/secrets", Map.of())).path("secret").asText();
        assertEquals(401, status(tokenRequest(form("grant_type", "client_credentials", "client_id", appId, "client_secret", secret))));
        assertEquals(200, status(tokenRequest(form("grant_type", "client_credentials", "client_id", appId, "client_secret", rotated))));
        assertEquals(204, status(m(HttpRequest.DELETE("/api/applications/" + appId))));
        assertEquals(401, status(tokenRequest(form("grant_type", "client_credentials", "client_id", appId, "client_secret", rotated))));
    }

    @Test
    void aBlankNameInAPatchIsAProblemAndChangesNothing() {
        String email = "blank-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        String userId = call(HttpRequest.POST("/api/users", Map.of("primaryEmail", email, "name", "Kept"))).path("id").asText();
        String roleName = "Kept-" + UUID.randomUUID().toString().substring(0, 6);
        String roleId = call(HttpRequest.POST("/api/organization-roles", Map.of("name", roleName))).path("id").asText();
        // U+2003 is a space strip() removes though \S does not match it.
        for (String blank : List.of(" ", "\u2003")) {
            for (String path : List.of("/api/users/" + userId, "/api/organization-roles/" + roleId)) {
                HttpClientResponseException e = failure(m(HttpRequest.PATCH(path, Map.of("name", blank))));
                assertEquals(400, e.getStatus().getCode(), path);
                assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
                assertEquals("name", json(body(e)).path("errors").get(0).path("field").asText(), path);
            }
        }
        assertEquals("Kept", call(HttpRequest.GET("/api/users/" + userId)).path("name").asText());
        assertEquals(roleName, call(HttpRequest.GET("/api/organization-roles/" + roleId)).path("name").asText());
    }

    @Test
    void keyRotationPublishesTheNextKeyBeforeSigningWithIt() throws Exception {
        // An API whose tokens live 24 h: a token the old key signs just before the switch must verify until it expires.
        call(HttpRequest.POST("/api/resources", Map.of("name", "Day-long", "indicator",
                "https://day-long-" + UUID.randomUUID() + ".example.com", "accessTokenTtl", 86400)));
        String before = com.nimbusds.jwt.SignedJWT.parse(managementToken()).getHeader().getKeyID();
        String next = call(HttpRequest.POST("/api/signing-keys/rotations", Map.of())).path("kid").asText();
        JsonNode keys = json(http.toBlocking().retrieve("/oidc/jwks")).path("keys");
        assertTrue(keys.findValuesAsText("kid").containsAll(List.of(before, next)), "both published");
        assertEquals(before, com.nimbusds.jwt.SignedJWT.parse(managementToken()).getHeader().getKeyID(),
                "the new key does not sign before its publish-ahead time");
        assertEquals(List.of(before), transactions.executeRead(s -> Statements.strings(s.getConnection(),
                "SELECT kid FROM signing_key WHERE kid = ? AND retired_at > now() + interval '25 hours'", before)));
    }

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void aRotationThatCannotStoreTheNextKeyRetiresNothing() {
        List<String> current = unretiredKeys();
        assertFalse(current.isEmpty());
        // The database refuses the next key, as it would on an outage between the two statements.
        execute("CREATE FUNCTION refuse_key() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RAISE EXCEPTION ''refused''; END'");
        execute("CREATE TRIGGER refuse_key BEFORE INSERT ON signing_key FOR EACH ROW EXECUTE FUNCTION refuse_key()");
        try {
            assertEquals(500, status(m(HttpRequest.POST("/api/signing-keys/rotations", Map.of()))));
        } finally {
            execute("DROP TRIGGER refuse_key ON signing_key");
            execute("DROP FUNCTION refuse_key()");
        }
        assertEquals(current, unretiredKeys(), "the current keys stay current when there is no next one");
    }

    @Test
    void listingMembersDoesNotWaitForAWriterOfTheOrganization() {
        String org = call(HttpRequest.POST("/api/organizations", Map.of("name", "Busy"))).path("id").asText();
        String token = managementToken();
        // Holds the lock a membership change takes, as a concurrent writer would.
        transactions.executeWrite(s -> {
            Statements.strings(s.getConnection(), "SELECT id FROM organization WHERE id = ? FOR UPDATE", UUID.fromString(org));
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertEquals(200,
                    status(HttpRequest.GET("/api/organizations/" + org + "/users").bearerAuth(token))));
            return null;
        });
    }

    private List<String> unretiredKeys() {
        return transactions.executeRead(s ->
                Statements.strings(s.getConnection(), "SELECT kid FROM signing_key WHERE retired_at IS NULL ORDER BY kid"));
    }

    private void execute(String statement) {
        transactions.executeWrite(s -> Statements.update(s.getConnection(), statement));
    }

    private String roleId(String name) {
        for (JsonNode r : call(HttpRequest.GET("/api/organization-roles"))) {
            if (r.path("name").asText().equals(name)) {
                return r.path("id").asText();
            }
        }
        throw new AssertionError("no role " + name);
    }

    private String scopeId(String name) {
        for (JsonNode s : call(HttpRequest.GET("/api/organization-scopes"))) {
            if (s.path("name").asText().equals(name)) {
                return s.path("id").asText();
            }
        }
        throw new AssertionError("no scope " + name);
    }
}
