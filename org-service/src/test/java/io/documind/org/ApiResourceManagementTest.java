package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.localstack.testing.OpenApiDocuments;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Management API of issue 12: API resources and scopes, global roles, organization roles' resource scopes. */
@MicronautTest(transactional = false)
class ApiResourceManagementTest extends OrgServiceTest {

    @Inject
    TransactionOperations<Connection> transactions;

    private <T> MutableHttpRequest<T> m(MutableHttpRequest<T> request) {
        return request.bearerAuth(managementToken());
    }

    private JsonNode call(MutableHttpRequest<?> request) {
        return json(http.toBlocking().retrieve(m(request)));
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private void problem(int status, MutableHttpRequest<?> request) {
        HttpClientResponseException e = failure(m(request));
        assertEquals(status, e.getStatus().getCode(), () -> request.getPath() + " " + body(e));
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
    }

    @Test
    void resourcesAndTheirScopesLogtoShaped() {
        String indicator = "https://api-" + tag() + ".example.com";
        HttpResponse<String> created = http.toBlocking().exchange(m(HttpRequest.POST("/api/resources",
                Map.of("name", "Reports", "indicator", indicator))), String.class);
        assertEquals(201, created.code());
        JsonNode resource = json(created.body());
        String id = resource.path("id").asText();
        assertEquals(indicator, resource.path("indicator").asText());
        assertEquals(3600, resource.path("accessTokenTtl").asInt());
        assertEquals("/api/resources/" + id, created.header("Location"));

        problem(422, HttpRequest.POST("/api/resources", Map.of("name", "Again", "indicator", indicator)));
        for (String reserved : List.of("urn:documind:api", "urn:documind:management", "URN:DocuMind:other")) {
            problem(422, HttpRequest.POST("/api/resources", Map.of("name", "Mine", "indicator", reserved)));
        }
        for (String bad : List.of("not a uri", "relative/path", "https://x.example#frag", " ")) {
            problem(400, HttpRequest.POST("/api/resources", Map.of("name", "Bad", "indicator", bad)));
        }
        problem(400, HttpRequest.POST("/api/resources", Map.of("name", "Short", "indicator", "https://s-" + tag() + ".example",
                "accessTokenTtl", 10)));
        problem(400, HttpRequest.POST("/api/resources", Map.of("name", "Typed", "indicator", "https://t-" + tag() + ".example",
                "accessTokenTtl", "long")));
        problem(400, HttpRequest.POST("/api/resources", Map.of("name", "Extra", "indicator", "https://e-" + tag() + ".example",
                "isDefault", true)));

        assertEquals(7200, call(HttpRequest.PATCH("/api/resources/" + id, Map.of("name", "Reports v2",
                "accessTokenTtl", 7200))).path("accessTokenTtl").asInt());
        assertEquals("Reports v2", call(HttpRequest.GET("/api/resources/" + id)).path("name").asText());
        problem(400, HttpRequest.PATCH("/api/resources/" + id, Map.of("indicator", "https://other.example")));
        problem(400, HttpRequest.PATCH("/api/resources/" + id, Map.of("name", " ")));
        problem(404, HttpRequest.GET("/api/resources/nope"));
        problem(404, HttpRequest.PATCH("/api/resources/nope", Map.of("name", "x")));

        HttpResponse<String> page = http.toBlocking().exchange(m(HttpRequest.GET("/api/resources?page=1&page_size=1")), String.class);
        assertEquals(1, json(page.body()).size());
        assertTrue(Long.parseLong(page.header("Total-Number")) >= 1);
        problem(400, HttpRequest.GET("/api/resources?page_size=101"));

        // Scopes
        JsonNode scope = call(HttpRequest.POST("/api/resources/" + id + "/scopes",
                Map.of("name", "read:reports", "description", "Read reports")));
        String scopeId = scope.path("id").asText();
        assertEquals(id, scope.path("resourceId").asText());
        assertEquals("read:reports", scope.path("name").asText());
        problem(422, HttpRequest.POST("/api/resources/" + id + "/scopes", Map.of("name", "read:reports")));
        problem(400, HttpRequest.POST("/api/resources/" + id + "/scopes", Map.of("name", "has space")));
        problem(404, HttpRequest.POST("/api/resources/nope/scopes", Map.of("name", "x")));
        assertEquals(List.of("read:reports"), call(HttpRequest.GET("/api/resources/" + id + "/scopes")).findValuesAsText("name"));
        assertEquals("Reads", call(HttpRequest.PATCH("/api/resources/" + id + "/scopes/" + scopeId,
                Map.of("description", "Reads"))).path("description").asText());

        // Another resource's scope is not found under this one.
        String otherId = call(HttpRequest.POST("/api/resources", Map.of("name", "Other",
                "indicator", "https://other-" + tag() + ".example"))).path("id").asText();
        String otherScope = call(HttpRequest.POST("/api/resources/" + otherId + "/scopes", Map.of("name", "read:reports")))
                .path("id").asText();
        problem(404, HttpRequest.PATCH("/api/resources/" + id + "/scopes/" + otherScope, Map.of("name", "stolen")));
        problem(404, HttpRequest.DELETE("/api/resources/" + id + "/scopes/" + otherScope));
        assertEquals("read:reports", call(HttpRequest.GET("/api/resources/" + otherId + "/scopes")).get(0).path("name").asText());

        assertEquals(204, status(m(HttpRequest.DELETE("/api/resources/" + id + "/scopes/" + scopeId))));
        problem(404, HttpRequest.DELETE("/api/resources/" + id + "/scopes/" + scopeId));
        assertEquals(204, status(m(HttpRequest.DELETE("/api/resources/" + otherId))));
        problem(404, HttpRequest.GET("/api/resources/" + otherId + "/scopes"));
        problem(404, HttpRequest.DELETE("/api/resources/" + otherId));
        assertEquals(401, status(HttpRequest.GET("/api/resources")));
    }

    @Test
    void globalRolesTheirScopesAndHolders() {
        String resourceId = call(HttpRequest.POST("/api/resources", Map.of("name", "Billing",
                "indicator", "https://billing-" + tag() + ".example"))).path("id").asText();
        String read = call(HttpRequest.POST("/api/resources/" + resourceId + "/scopes", Map.of("name", "read:invoices")))
                .path("id").asText();
        String write = call(HttpRequest.POST("/api/resources/" + resourceId + "/scopes", Map.of("name", "write:invoices")))
                .path("id").asText();

        String name = "Accountant-" + tag();
        HttpResponse<String> created = http.toBlocking().exchange(m(HttpRequest.POST("/api/roles",
                Map.of("name", name, "description", "Books", "scopeIds", List.of(read)))), String.class);
        assertEquals(201, created.code());
        JsonNode role = json(created.body());
        String roleId = role.path("id").asText();
        assertEquals("User", role.path("type").asText());
        problem(422, HttpRequest.POST("/api/roles", Map.of("name", name)));
        problem(422, HttpRequest.POST("/api/roles", Map.of("name", "Ghostly-" + tag(), "scopeIds", List.of("ghost"))));
        problem(400, HttpRequest.POST("/api/roles", Map.of("name", "Typed-" + tag(), "type", "Robot")));
        problem(400, HttpRequest.POST("/api/roles", Map.of("name", "")));
        String m2m = call(HttpRequest.POST("/api/roles", Map.of("name", "Billing bot-" + tag(), "type", "MachineToMachine")))
                .path("id").asText();

        assertEquals("Renamed " + name, call(HttpRequest.PATCH("/api/roles/" + roleId, Map.of("name", "Renamed " + name)))
                .path("name").asText());
        problem(400, HttpRequest.PATCH("/api/roles/" + roleId, Map.of("type", "MachineToMachine")));
        problem(404, HttpRequest.GET("/api/roles/nope"));
        HttpResponse<String> page = http.toBlocking().exchange(m(HttpRequest.GET("/api/roles?page=1&page_size=1")), String.class);
        assertEquals(1, json(page.body()).size());
        assertTrue(Long.parseLong(page.header("Total-Number")) >= 2);

        assertEquals(List.of("read:invoices"), call(HttpRequest.GET("/api/roles/" + roleId + "/scopes")).findValuesAsText("name"));
        assertEquals(201, status(m(HttpRequest.POST("/api/roles/" + roleId + "/scopes", Map.of("scopeIds", List.of(write, read))))));
        assertEquals(2, call(HttpRequest.GET("/api/roles/" + roleId + "/scopes")).size());
        problem(422, HttpRequest.POST("/api/roles/" + roleId + "/scopes", Map.of("scopeIds", List.of(write, "ghost"))));
        problem(400, HttpRequest.POST("/api/roles/" + roleId + "/scopes", Map.of("scopeIds", "not a list")));
        assertEquals(204, status(m(HttpRequest.DELETE("/api/roles/" + roleId + "/scopes/" + write))));
        problem(404, HttpRequest.DELETE("/api/roles/" + roleId + "/scopes/" + write));
        problem(404, HttpRequest.GET("/api/roles/nope/scopes"));

        // Users: User roles only.
        Account user = signUp();
        String userRoles = "/api/users/" + user.id() + "/roles";
        assertEquals(201, status(m(HttpRequest.POST(userRoles, Map.of("roleIds", List.of(roleId))))));
        assertEquals(List.of(roleId), call(HttpRequest.GET(userRoles)).findValuesAsText("id"));
        problem(422, HttpRequest.POST(userRoles, Map.of("roleIds", List.of(m2m))));
        problem(422, HttpRequest.PUT(userRoles, Map.of("roleIds", List.of("ghost"))));
        assertEquals(List.of(roleId), call(HttpRequest.GET(userRoles)).findValuesAsText("id"), "a refused PUT changes nothing");
        problem(400, HttpRequest.POST(userRoles, Map.of("roleIds", List.of(roleId), "extra", 1)));
        problem(404, HttpRequest.GET("/api/users/nobody/roles"));
        problem(404, HttpRequest.POST("/api/users/nobody/roles", Map.of("roleIds", List.of(roleId))));
        assertEquals(204, status(m(HttpRequest.PUT(userRoles, Map.of("roleIds", List.of())))));
        assertEquals(0, call(HttpRequest.GET(userRoles)).size());
        assertEquals(204, status(m(HttpRequest.PUT(userRoles, Map.of("roleIds", List.of(roleId))))));
        assertEquals(204, status(m(HttpRequest.DELETE(userRoles + "/" + roleId))));
        problem(404, HttpRequest.DELETE(userRoles + "/" + roleId));

        // Applications: MachineToMachine roles only.
        String appId = call(HttpRequest.POST("/api/applications", Map.of("name", "Biller"))).path("id").asText();
        String appRoles = "/api/applications/" + appId + "/roles";
        problem(422, HttpRequest.POST(appRoles, Map.of("roleIds", List.of(roleId))));
        assertEquals(201, status(m(HttpRequest.POST(appRoles, Map.of("roleIds", List.of(m2m))))));
        assertEquals(List.of(m2m), call(HttpRequest.GET(appRoles)).findValuesAsText("id"));
        problem(422, HttpRequest.PUT(appRoles, Map.of("roleIds", List.of(m2m, roleId))));
        assertEquals(204, status(m(HttpRequest.PUT(appRoles, Map.of("roleIds", List.of(m2m))))));
        assertEquals(204, status(m(HttpRequest.DELETE(appRoles + "/" + m2m))));
        problem(404, HttpRequest.DELETE(appRoles + "/" + m2m));
        problem(404, HttpRequest.GET("/api/applications/nope/roles"));

        assertEquals(204, status(m(HttpRequest.DELETE("/api/roles/" + roleId))));
        problem(404, HttpRequest.DELETE("/api/roles/" + roleId));
        problem(404, HttpRequest.PATCH("/api/roles/" + roleId, Map.of("name", "gone")));
    }

    @Test
    void organizationRolesCarryResourceScopesAndTakingOneAnnouncesTheHolders() {
        String resourceId = call(HttpRequest.POST("/api/resources", Map.of("name", "Analytics",
                "indicator", "https://analytics-" + tag() + ".example"))).path("id").asText();
        String view = call(HttpRequest.POST("/api/resources/" + resourceId + "/scopes", Map.of("name", "view:dashboards")))
                .path("id").asText();
        String edit = call(HttpRequest.POST("/api/resources/" + resourceId + "/scopes", Map.of("name", "edit:dashboards")))
                .path("id").asText();
        String roleId = call(HttpRequest.POST("/api/organization-roles", Map.of("name", "Analyst-" + tag()))).path("id").asText();
        String path = "/api/organization-roles/" + roleId + "/resource-scopes";

        assertEquals(201, status(m(HttpRequest.POST(path, Map.of("scopeIds", List.of(view, edit))))));
        assertEquals(List.of("edit:dashboards", "view:dashboards"), call(HttpRequest.GET(path)).findValuesAsText("name"));
        problem(422, HttpRequest.POST(path, Map.of("scopeIds", List.of("ghost"))));
        problem(400, HttpRequest.POST(path, Map.of("organizationScopeIds", List.of(view))));
        problem(404, HttpRequest.GET("/api/organization-roles/" + UUID.randomUUID() + "/resource-scopes"));
        problem(400, HttpRequest.GET("/api/organization-roles/not-a-uuid/resource-scopes"));

        Account holder = signUp();
        String org = createOrganization(holder, "Analysts");
        assertEquals(201, status(m(HttpRequest.POST("/api/organizations/" + org + "/users/" + holder.id() + "/roles",
                Map.of("organizationRoleIds", List.of(roleId))))));
        // The role's grant is announced once; count from there, the relay publishing after the commit.
        long before = await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(org, holder.id()), n -> n >= 1);

        assertEquals(204, status(m(HttpRequest.DELETE(path + "/" + edit))));
        problem(404, HttpRequest.DELETE(path + "/" + edit));
        await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(org, holder.id()) > before);
        long afterDelete = changesOf(org, holder.id());

        assertEquals(204, status(m(HttpRequest.PUT(path, Map.of("scopeIds", List.of(edit))))));
        assertEquals(List.of("edit:dashboards"), call(HttpRequest.GET(path)).findValuesAsText("name"));
        await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(org, holder.id()) > afterDelete);
        long afterReplace = changesOf(org, holder.id());

        // Deleting a resource scope a role carries takes it from the holders too.
        assertEquals(204, status(m(HttpRequest.DELETE("/api/resources/" + resourceId + "/scopes/" + edit))));
        assertEquals(0, call(HttpRequest.GET(path)).size());
        await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(org, holder.id()) > afterReplace);
        // ...and from the template, which says so: invitation-service weighs a role's resource scopes from it.
        await().atMost(Duration.ofSeconds(30)).until(() -> announcedResourceScopes(roleId), List.of()::equals);

        assertEquals(201, status(m(HttpRequest.POST(path, Map.of("scopeIds", List.of(view))))));
        await().atMost(Duration.ofSeconds(30)).until(() -> announcedResourceScopes(roleId), List.of(view)::equals);
        assertEquals(204, status(m(HttpRequest.DELETE("/api/resources/" + resourceId))));
        assertEquals(0, call(HttpRequest.GET(path)).size());
        await().atMost(Duration.ofSeconds(30)).until(() -> announcedResourceScopes(roleId), List.of()::equals);
    }

    /** The role's resource scope ids in the newest OrganizationTemplateChanged consumed so far. */
    private static List<String> announcedResourceScopes(String roleId) {
        List<JsonNode> templates = eventsOf(io.documind.contracts.Topics.PLATFORM_KEY).stream()
                .filter(e -> e.path("type").asText().equals("OrganizationTemplateChanged")).toList();
        if (templates.isEmpty()) {
            return null;
        }
        for (JsonNode role : templates.get(templates.size() - 1).path("data").path("roles")) {
            if (role.path("id").asText().equals(roleId) && role.path("resourceScopes").isArray()) { // sent, maybe empty
                return java.util.stream.StreamSupport.stream(role.path("resourceScopes").spliterator(), false)
                        .map(JsonNode::asText).toList();
            }
        }
        return null;
    }

    /** The MemberRolesChanged events announcing this member, each with a raised authority version. */
    private static long changesOf(String org, String userId) {
        return eventsOf(org).stream().filter(e -> e.path("type").asText().equals("MemberRolesChanged"))
                .filter(e -> e.path("data").path("userId").asText().equals(userId)).count();
    }

    @Inject
    EmbeddedServer server;

    @Test
    void theRoutesAreInTheOpenApiDocument() {
        Map<String, Object> document = OpenApiDocuments.assertPublished(server.getURI(), "org-service",
                "/api/resources", "/api/resources/{id}", "/api/resources/{id}/scopes", "/api/resources/{id}/scopes/{scopeId}",
                "/api/roles", "/api/roles/{id}", "/api/roles/{id}/scopes", "/api/roles/{id}/scopes/{scopeId}",
                "/api/users/{id}/roles", "/api/users/{id}/roles/{roleId}",
                "/api/applications/{id}/roles", "/api/applications/{id}/roles/{roleId}",
                "/api/organization-roles/{id}/resource-scopes", "/api/organization-roles/{id}/resource-scopes/{scopeId}");
        OpenApiDocuments.assertOperationIdsAreNamed(document);
        OpenApiDocuments.assertSuccessStatus(document, "POST", "/api/resources", 201);
        OpenApiDocuments.assertProblems(document, "POST", "/api/resources", 400, 422);
    }

    /**
     * Scopes granted to a global role while their API resource is being deleted: the deletion locks the resource's
     * scopes in id order, then their roles' rows. The grants take their scopes in id order too; in the order the
     * scopes were read (the table's, when it is scanned), a grant held a later scope and waited for an earlier one
     * the deletion held, while the deletion waited for the later one (a deadlock).
     */
    @Test
    void scopesGrantedToARoleWhileTheirResourceIsDeletedWaitInsteadOfDeadlocking() throws Exception {
        String resourceId = call(HttpRequest.POST("/api/resources", Map.of("name", "Locked",
                "indicator", "https://locked-" + tag() + ".example"))).path("id").asText();
        // Scopes until one made later sorts before one made earlier: read in the table's order, the later id comes
        // first.
        List<String> made = new java.util.ArrayList<>();
        String earlier = null;
        String later = null;
        while (later == null) {
            String scope = call(HttpRequest.POST("/api/resources/" + resourceId + "/scopes",
                    Map.of("name", "s" + made.size() + ":locked"))).path("id").asText();
            for (String before : made) {
                if (scope.compareTo(before) < 0) {
                    earlier = scope;
                    later = before;
                }
            }
            made.add(scope);
        }
        String roleId = call(HttpRequest.POST("/api/roles", Map.of("name", "Granted-" + tag()))).path("id").asText();
        String lockScope = "SELECT id FROM resource_scope WHERE id = ? FOR UPDATE";
        String lowest = earlier;
        String highest = later;
        LockRace.Outcome<List<String>, Integer> race = LockRace.runThen(transactions,
                c -> Statements.strings(c, lockScope, lowest),
                c -> Statements.strings(c, lockScope, highest),
                () -> status(m(HttpRequest.POST("/api/roles/" + roleId + "/scopes",
                        Map.of("scopeIds", List.of(highest, lowest))))));
        assertEquals(List.of(highest), race.held(), "the deletion's second scope");
        assertEquals(201, race.raced(), "the grant, which waited for the deletion's transaction");
    }
}
