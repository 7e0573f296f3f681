package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Machine-to-machine applications inside organizations (issue 12 part 4): the Logto-shaped Management API routes,
 * the app organization token of {@code client_credentials} with {@code organization_id}, and its revocation.
 */
@MicronautTest(transactional = false)
class OrganizationApplicationsTest extends OrgServiceTest {

    static final String ADMIN = "00000000-0000-4000-8000-000000000001";
    static final String MEMBER = "00000000-0000-4000-8000-000000000002";
    static final String COLLABORATOR = "00000000-0000-4000-8000-000000000003";
    static final List<String> MEMBER_SCOPES =
            List.of("create:documents", "invite:member", "read:documents", "update:documents");

    @Inject
    TransactionOperations<Connection> transactions;

    record App(String id, String secret) {
    }

    @Test
    void theOrganizationApplicationRoutesAreLogtoShaped() {
        String org = organization("Apps");
        App app = app("Worker");
        App other = app("Other");
        String apps = "/api/organizations/" + org + "/applications";

        HttpResponse<String> empty = exchange(m(HttpRequest.GET(apps)));
        assertEquals("0", empty.header("Total-Number"));
        assertEquals(201, status(m(HttpRequest.POST(apps, Map.of("applicationIds", List.of(app.id()))))));
        assertEquals(201, status(m(HttpRequest.POST(apps, Map.of("applicationIds", List.of(app.id()))))),
                "adding again changes nothing");
        HttpResponse<String> listed = exchange(m(HttpRequest.GET(apps + "?page=1&page_size=10")));
        assertEquals("1", listed.header("Total-Number"));
        JsonNode first = json(listed.body()).get(0);
        assertEquals(app.id(), first.path("id").asText());
        assertEquals("Worker", first.path("name").asText());
        assertEquals("MachineToMachine", first.path("type").asText());
        assertEquals(0, first.path("organizationRoles").size());
        assertTrue(first.path("secret").isMissingNode() || first.path("secret").isNull(), "never a secret");

        String roles = apps + "/" + app.id() + "/roles";
        assertEquals(201, status(m(HttpRequest.POST(roles, Map.of("organizationRoleIds", List.of(MEMBER))))));
        assertEquals(List.of("Member"), json(exchange(m(HttpRequest.GET(roles))).body()).findValuesAsText("name"));
        assertEquals(204, status(m(HttpRequest.PUT(roles, Map.of("organizationRoleIds", List.of(COLLABORATOR, ADMIN))))));
        HttpResponse<String> held = exchange(m(HttpRequest.GET(roles)));
        assertEquals(List.of("Admin", "Collaborator"), json(held.body()).findValuesAsText("name"));
        assertEquals("2", held.header("Total-Number"));
        assertEquals(204, status(m(HttpRequest.DELETE(roles + "/" + ADMIN))));
        assertEquals(404, status(m(HttpRequest.DELETE(roles + "/" + ADMIN))), "a role it does not hold");
        assertEquals(List.of("Collaborator"), json(exchange(m(HttpRequest.GET(apps))).body()).get(0)
                .path("organizationRoles").findValuesAsText("name"));

        JsonNode organizations = json(exchange(m(HttpRequest.GET("/api/applications/" + app.id() + "/organizations")))
                .body());
        assertEquals(List.of(org), ids(organizations));
        assertEquals(List.of("Collaborator"), organizations.get(0).path("organizationRoles").findValuesAsText("name"));

        assertEquals(204, status(m(HttpRequest.PUT(apps, Map.of("applicationIds", List.of(other.id()))))));
        assertEquals(List.of(other.id()), ids(json(exchange(m(HttpRequest.GET(apps))).body())));
        assertEquals(204, status(m(HttpRequest.DELETE(apps + "/" + other.id()))));
        assertEquals(404, status(m(HttpRequest.DELETE(apps + "/" + other.id()))), "no longer in it");
        assertEquals("0", exchange(m(HttpRequest.GET("/api/applications/" + app.id() + "/organizations")))
                .header("Total-Number"));

        List<String> types = types(await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(org),
                e -> types(e).contains("ApplicationRemovedFromOrganization")
                        && types(e).lastIndexOf("ApplicationRemovedFromOrganization")
                        != types(e).indexOf("ApplicationRemovedFromOrganization")));
        assertEquals(List.of("ApplicationAddedToOrganization", "ApplicationRolesChanged", "ApplicationRolesChanged",
                "ApplicationRolesChanged", "ApplicationRemovedFromOrganization", "ApplicationAddedToOrganization",
                "ApplicationRemovedFromOrganization"), types.stream().filter(t -> t.startsWith("Application")).toList());
    }

    @Test
    void badOrUnknownInputIsAProblemNeverA500() {
        String org = organization("Refusals");
        App app = app("Refused");
        App outsider = app("Outsider");
        String apps = "/api/organizations/" + org + "/applications";
        String unknownOrg = "/api/organizations/" + UUID.randomUUID() + "/applications";
        assertEquals(404, status(m(HttpRequest.GET(unknownOrg))));
        assertEquals(404, status(m(HttpRequest.POST(unknownOrg, Map.of("applicationIds", List.of(app.id()))))));
        assertEquals(400, status(m(HttpRequest.GET("/api/organizations/not-a-uuid/applications"))));
        assertEquals(422, status(m(HttpRequest.POST(apps, Map.of("applicationIds", List.of(app.id(), "no-such-app"))))));
        assertEquals("0", exchange(m(HttpRequest.GET(apps))).header("Total-Number"), "nothing added");
        assertEquals(400, status(m(HttpRequest.POST(apps, Map.of("applicationIds", List.of())))));
        assertEquals(400, status(m(HttpRequest.POST(apps, Map.of("applicationId", app.id())))));
        assertEquals(404, status(m(HttpRequest.DELETE(apps + "/" + app.id()))));
        assertEquals(404, status(m(HttpRequest.GET("/api/applications/no-such-app/organizations"))));

        assertEquals(201, status(m(HttpRequest.POST(apps, Map.of("applicationIds", List.of(app.id()))))));
        String roles = apps + "/" + app.id() + "/roles";
        assertEquals(422, status(m(HttpRequest.POST(roles, Map.of("organizationRoleIds", List.of(UUID.randomUUID()))))));
        assertEquals(400, status(m(HttpRequest.POST(roles, Map.of("organizationRoleIds", List.of())))));
        assertEquals(400, status(m(HttpRequest.POST(roles, Map.of("organizationRoleIds", List.of("not-a-uuid"))))));
        assertEquals(400, status(m(HttpRequest.DELETE(roles + "/not-a-uuid"))));
        String outsiders = apps + "/" + outsider.id() + "/roles";
        assertEquals(422, status(m(HttpRequest.GET(outsiders))), "Logto: the application is not in it");
        assertEquals(422, status(m(HttpRequest.POST(outsiders, Map.of("organizationRoleIds", List.of(MEMBER))))));
        assertEquals(422, status(m(HttpRequest.PUT(outsiders, Map.of("organizationRoleIds", List.of(MEMBER))))));
        assertEquals(422, status(m(HttpRequest.DELETE(outsiders + "/" + MEMBER))));
        assertEquals(401, status(HttpRequest.GET(apps)), "the Management API needs a management token");
    }

    @Test
    void anAppOfOrganizationBGetsNothingOfA() {
        String a = organization("A");
        String b = organization("B");
        App appOfB = app("Of B");
        join(b, appOfB, MEMBER);

        assertEquals(422, status(m(HttpRequest.POST("/api/organizations/" + a + "/applications/" + appOfB.id()
                + "/roles", Map.of("organizationRoleIds", List.of(ADMIN))))), "no roles in A through A's path");
        assertEquals(List.of(), ids(json(exchange(m(HttpRequest.GET("/api/organizations/" + a + "/applications")))
                .body())));
        HttpClientResponseException denied = failure(tokenRequest(appForm(appOfB, a)));
        assertEquals(403, denied.getStatus().getCode());
        assertEquals("access_denied", json(body(denied)).path("error").asText());

        String tokenOfB = appToken(appOfB, b);
        assertEquals(200, status(HttpRequest.GET("/organizations/" + b).bearerAuth(tokenOfB)));
        assertEquals(404, status(HttpRequest.GET("/organizations/" + a).bearerAuth(tokenOfB)));
        // Every organization route of A answers B's app exactly as for an organization that does not exist: no hint.
        String adminOfA = json(exchange(m(HttpRequest.GET("/api/organizations/" + a + "/users"))).body())
                .path(0).path("id").asText("nobody");
        String none = UUID.randomUUID().toString();
        for (String org : List.of(a, none)) {
            for (var request : List.<io.micronaut.http.MutableHttpRequest<?>>of(
                    HttpRequest.PATCH("/organizations/" + org, Map.of("name", "Taken by B")),
                    HttpRequest.DELETE("/organizations/" + org),
                    HttpRequest.GET("/organizations/" + org + "/members"),
                    HttpRequest.PUT("/organizations/" + org + "/members/" + adminOfA + "/roles",
                            Map.of("organizationRoleNames", List.of("Collaborator"))),
                    HttpRequest.DELETE("/organizations/" + org + "/members/" + adminOfA))) {
                String path = request.getPath();
                int answer = status(request.bearerAuth(tokenOfB));
                int forNone = status(sameRequestAt(request, path.replace(org, none)).bearerAuth(tokenOfB));
                assertEquals(forNone, answer, request.getMethodName() + " " + path);
                assertTrue(answer == 403 || answer == 404, request.getMethodName() + " " + path + ": " + answer);
            }
        }
        assertEquals("A", json(exchange(m(HttpRequest.GET("/api/organizations/" + a))).body()).path("name").asText(),
                "nothing changed in A");
        assertEquals(401, status(HttpRequest.GET("/api/organizations").bearerAuth(tokenOfB)),
                "an organization token is not a management token");

        // An app holding every scope in B: no scope is missing, so only the path's organization stops it.
        App adminOfB = app("Admin of B");
        join(b, adminOfB, ADMIN);
        String adminTokenOfB = appToken(adminOfB, b);
        String membersOfA = exchange(m(HttpRequest.GET("/api/organizations/" + a + "/users"))).body();
        for (var request : List.<io.micronaut.http.MutableHttpRequest<?>>of(
                HttpRequest.PATCH("/organizations/" + a, Map.of("name", "Taken by B's admin app")),
                HttpRequest.PUT("/organizations/" + a + "/members/" + adminOfA + "/roles",
                        Map.of("organizationRoleNames", List.of("Collaborator"))),
                HttpRequest.DELETE("/organizations/" + a + "/members/" + adminOfA),
                HttpRequest.DELETE("/organizations/" + a))) {
            assertEquals(404, status(request.bearerAuth(adminTokenOfB)), request.getMethodName() + " " + request.getPath());
        }
        assertEquals("A", json(exchange(m(HttpRequest.GET("/api/organizations/" + a))).body()).path("name").asText());
        assertEquals(membersOfA, exchange(m(HttpRequest.GET("/api/organizations/" + a + "/users"))).body(),
                "A's members and their roles are as they were");
        assertEquals(200, status(HttpRequest.PATCH("/organizations/" + b, Map.of("name", "B renamed"))
                .bearerAuth(adminTokenOfB)), "while the same token may change its own organization");
    }

    /** Logto's MFA requirement is about members signing in; an application has no MFA to set up. */
    @Test
    void anOrganizationThatRequiresMfaStillGivesItsApplicationsTokens() {
        String org = organization("Mfa for users");
        App app = app("Unattended");
        join(org, app, MEMBER);
        assertEquals(200, status(m(HttpRequest.PATCH("/api/organizations/" + org, Map.of("isMfaRequired", true)))));
        String token = appToken(app, org);
        assertEquals(200, status(HttpRequest.GET("/organizations/" + org).bearerAuth(token)));
    }

    @Test
    void anAppOrganizationTokenCarriesTheDesignClaimsVerifiableWithTheJwks() throws Exception {
        String org = organization("Claims");
        App app = app("Claimant");
        join(org, app, MEMBER);

        SignedJWT jwt = SignedJWT.parse(appToken(app, org));
        JWKSet jwks = JWKSet.parse(http.toBlocking().retrieve("/oidc/jwks"));
        assertTrue(jwt.verify(new RSASSAVerifier(jwks.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey())));
        assertEquals("at+jwt", jwt.getHeader().getType().getType());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals("http://org-service.test/oidc", claims.getIssuer());
        assertEquals(app.id(), claims.getSubject());
        assertEquals(app.id(), claims.getStringClaim("client_id"));
        assertEquals(List.of("urn:documind:organization:" + org), claims.getAudience());
        assertEquals(org, claims.getStringClaim("organization_id"));
        assertEquals(MEMBER_SCOPES, List.of(claims.getStringClaim("scope").split(" ")).stream().sorted().toList());
        assertEquals(1L, claims.getLongClaim("authority_version"));
        assertTrue(claims.getLongClaim("organization_authority_version") > 1, "raised by the roles given");

        Map<String, String> some = appForm(app, org.toUpperCase());
        some.put("scope", "read:documents delete:documents");
        JWTClaimsSet asked = SignedJWT.parse(tokenResponse(some).path("access_token").asText()).getJWTClaimsSet();
        assertEquals("read:documents", asked.getStringClaim("scope"), "requested ∩ held");
        assertEquals(org, asked.getStringClaim("organization_id"), "the canonical spelling");

        for (String malformed : List.of("not-a-uuid", UUID.randomUUID().toString())) {
            HttpClientResponseException denied = failure(tokenRequest(appForm(app, malformed)));
            assertEquals(403, denied.getStatus().getCode(), malformed);
            assertEquals("access_denied", json(body(denied)).path("error").asText(), malformed);
        }
        // Empty is not absent here: absent asks for a management token.
        assertEquals("invalid_request", json(body(failure(tokenRequest(appForm(app, ""))))).path("error").asText());
        Map<String, String> management = appForm(app, org);
        management.put("resource", "urn:documind:management");
        assertEquals("invalid_target", json(body(failure(tokenRequest(management)))).path("error").asText());
        Map<String, String> wrongSecret = appForm(new App(app.id(), "wrong-secret-0123456789"), org);
        assertEquals(401, failure(tokenRequest(wrongSecret)).getStatus().getCode());
    }

    @Test
    void onlyAnApplicationGivenManagementAccessGetsAManagementToken() throws Exception {
        // An organization's app, and one in no organization, were created without management access: the
        // Management API (every organization) is not theirs, whichever way they ask.
        String org = organization("Own only");
        App ofOrganization = app("Reporting job");
        join(org, ofOrganization, MEMBER);
        App loose = app("Not given it");
        assertFalse(json(exchange(m(HttpRequest.GET("/api/applications/" + loose.id()))).body())
                .path("managementAccess").asBoolean(true));
        for (App app : List.of(ofOrganization, loose)) {
            String which = app == loose ? "an app in no organization" : "an organization's app";
            Map<String, String> plain = form("grant_type", "client_credentials", "client_id", app.id(),
                    "client_secret", app.secret());
            Map<String, String> named = new java.util.HashMap<>(plain);
            named.put("resource", "urn:documind:management");
            named.put("scope", "all");
            for (Map<String, String> ask : List.of(plain, named)) {
                HttpClientResponseException refused = failure(tokenRequest(ask));
                assertEquals(400, refused.getStatus().getCode(), which);
                assertEquals("unauthorized_client", json(body(refused)).path("error").asText(), which);
            }
        }
        assertTrue(tokenResponse(appForm(ofOrganization, org)).hasNonNull("access_token"),
                "its organization's token it still gets");

        JsonNode manager = json(exchange(m(HttpRequest.POST("/api/applications",
                Map.of("name", "Back office", "managementAccess", true)))).body());
        assertTrue(manager.path("managementAccess").asBoolean());
        String token = tokenResponse(form("grant_type", "client_credentials", "client_id", manager.path("id").asText(),
                "client_secret", manager.path("secret").asText())).path("access_token").asText();
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals(List.of("urn:documind:management"), claims.getAudience());
        assertEquals(200, status(HttpRequest.GET("/api/organizations/" + org).bearerAuth(token)));
    }

    @Test
    void withAResourceTheAudienceIsItsIndicatorAndTheScopesItsOwn() throws Exception {
        String org = organization("Resource");
        App app = app("Resourceful");
        join(org, app, COLLABORATOR);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String indicator = "https://api-" + tag + ".example.com";
        String otherIndicator = "https://other-" + tag + ".example.com";
        execute("INSERT INTO api_resource (id, name, indicator, access_token_ttl) VALUES (?, 'Mine', ?, 600)",
                "r1-" + tag, indicator);
        execute("INSERT INTO api_resource (id, name, indicator) VALUES (?, 'Other', ?)", "r2-" + tag, otherIndicator);
        execute("INSERT INTO resource_scope (id, resource_id, name) VALUES (?, ?, 'read:reports'), (?, ?, 'write:reports')",
                "s1-" + tag, "r1-" + tag, "s2-" + tag, "r1-" + tag);
        execute("INSERT INTO resource_scope (id, resource_id, name) VALUES (?, ?, 'other:thing')", "s3-" + tag, "r2-" + tag);
        for (String scope : List.of("s1-", "s3-")) {
            execute("INSERT INTO organization_role_resource_scope (role_id, scope_id) VALUES (CAST(? AS uuid), ?)",
                    COLLABORATOR, scope + tag);
        }

        Map<String, String> form = appForm(app, org);
        form.put("resource", indicator);
        JsonNode response = tokenResponse(form);
        assertEquals(600, response.path("expires_in").asInt(), "the resource's own lifetime");
        JWTClaimsSet claims = SignedJWT.parse(response.path("access_token").asText()).getJWTClaimsSet();
        assertEquals(List.of(indicator), claims.getAudience());
        assertEquals(org, claims.getStringClaim("organization_id"));
        assertEquals("read:reports", claims.getStringClaim("scope"), "never another resource's scope");
        assertTrue(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime() <= 600_000);

        form.put("resource", "https://unknown-" + tag + ".example.com");
        assertEquals("invalid_target", json(body(failure(tokenRequest(form)))).path("error").asText());
        String outsider = organization("Outsider");
        form.put("resource", indicator);
        form.put("organization_id", outsider);
        assertEquals("access_denied", json(body(failure(tokenRequest(form)))).path("error").asText());
    }

    @Test
    void anAppsOrganizationTokenIsRefusedOnceItsRolesChangeOrItIsRemoved() {
        String org = organization("Revoked");
        App app = app("Revocable");
        join(org, app, MEMBER);
        String path = "/organizations/" + org;
        String before = appToken(app, org);
        assertEquals(200, status(HttpRequest.GET(path).bearerAuth(before)));

        assertEquals(204, status(m(HttpRequest.PUT("/api/organizations/" + org + "/applications/" + app.id() + "/roles",
                Map.of("organizationRoleIds", List.of(COLLABORATOR))))));
        assertTrue(awaitRefusal(path, before).contains("roles in the organization changed"));
        String after = appToken(app, org);
        assertEquals(200, status(HttpRequest.GET(path).bearerAuth(after)), "a new token follows the new roles");

        assertEquals(204, status(m(HttpRequest.DELETE("/api/organizations/" + org + "/applications/" + app.id()))));
        assertTrue(awaitRefusal(path, after).contains("removed from the organization"));
        assertEquals(403, failure(tokenRequest(appForm(app, org))).getStatus().getCode());
    }

    @Test
    void aTemplateEditThatShrinksARoleAnnouncesItsApplicationsWithARaisedVersion() throws Exception {
        String org = organization("Template");
        App app = app("Holder");
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String scope = json(exchange(m(HttpRequest.POST("/api/organization-scopes", Map.of("name", "t:" + tag)))).body())
                .path("id").asText();
        String role = json(exchange(m(HttpRequest.POST("/api/organization-roles",
                Map.of("name", "Temp-" + tag, "organizationScopeIds", List.of(scope))))).body()).path("id").asText();
        join(org, app, role);
        String before = appToken(app, org);
        long version = SignedJWT.parse(before).getJWTClaimsSet().getLongClaim("organization_authority_version");

        assertEquals(204, status(m(HttpRequest.DELETE("/api/organization-roles/" + role + "/scopes/" + scope))));

        JsonNode announced = await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(org).stream()
                .filter(e -> e.path("type").asText().equals("ApplicationRolesChanged")
                        && e.path("data").path("authorityVersion").asLong() > version)
                .findFirst(), java.util.Optional::isPresent).orElseThrow().path("data");
        assertEquals(app.id(), announced.path("applicationId").asText());
        assertEquals(List.of("Temp-" + tag), JSON.convertValue(announced.path("roles"), List.class),
                "it still holds the role, which now means less");
        assertEquals(0, announced.path("scopes").size());
        assertTrue(awaitRefusal("/organizations/" + org, before).contains("roles in the organization changed"));
        assertEquals("", SignedJWT.parse(appToken(app, org)).getJWTClaimsSet().getStringClaim("scope"));
    }

    @Test
    void deletingTheOrganizationOrTheApplicationCleansUp() {
        String org = organization("Doomed");
        App app = app("Doomed app");
        App survivor = app("Survivor");
        join(org, app, MEMBER);
        join(org, survivor, MEMBER);
        String token = appToken(survivor, org);

        assertEquals(204, status(m(HttpRequest.DELETE("/api/applications/" + app.id()))));
        assertEquals(List.of(survivor.id()), ids(json(exchange(m(HttpRequest.GET("/api/organizations/" + org
                + "/applications"))).body())));

        assertEquals(204, status(m(HttpRequest.DELETE("/api/organizations/" + org))));
        assertEquals("0", exchange(m(HttpRequest.GET("/api/applications/" + survivor.id() + "/organizations")))
                .header("Total-Number"));
        assertTrue(awaitRefusal("/organizations/" + org, token).contains("deleted"));
        assertEquals(403, failure(tokenRequest(appForm(survivor, org))).getStatus().getCode());
    }

    /**
     * A role deleted while an application's roles in an organization are set to it again: the replacement holds the
     * role before it replaces the rows, so the two queue instead of deadlocking (one answered 503 before).
     */
    @Test
    void aRoleDeletedWhileAnApplicationsRolesAreSetToItAgainDoesNotDeadlock() throws Exception {
        String role = newRole("Doomed");
        String org = organization("Doomed apps");
        App app = app("Doomed worker");
        join(org, app, role);
        String roles = "/api/organizations/" + org + "/applications/" + app.id() + "/roles";

        // Something holding the application's role rows, so the replacement and then the deletion queue behind it.
        LockRace.Outcome<List<String>, List<Integer>> race = LockRace.runInTurn(transactions, c -> Statements.strings(c,
                "SELECT role_id::text FROM organization_application_role WHERE organization_id = ? AND application_id = ?"
                        + " FOR UPDATE", UUID.fromString(org), app.id()), List.of(
                () -> status(m(HttpRequest.PUT(roles, Map.of("organizationRoleIds", List.of(role))))),
                () -> status(m(HttpRequest.DELETE("/api/organization-roles/" + role)))));
        assertEquals(List.of(role), race.held());
        assertEquals(List.of(204, 204), race.raced());
        assertEquals("0", exchange(m(HttpRequest.GET(roles))).header("Total-Number"), "the role went with its rows");
    }

    /**
     * Replacing an organization's applications raises the removed ones' versions in id order, the order a template
     * edit raises its holders' in. In age order, the replacement and an edit could each hold one of the versions and
     * wait for the other's: here the edit's side holds the lower id's and, once the replacement waits, takes the
     * higher id's, which the replacement (removing the older one first) would have held.
     */
    @Test
    void replacingApplicationsRaisesTheirVersionsInTheOrderATemplateEditDoes() throws Exception {
        String org = organization("Replaced in order");
        App one = app("One");
        App two = app("Two");
        App lower = one.id().compareTo(two.id()) < 0 ? one : two;
        App higher = lower == one ? two : one;
        String apps = "/api/organizations/" + org + "/applications";
        // The higher id joins first: its age order is not its id order.
        assertEquals(201, status(m(HttpRequest.POST(apps, Map.of("applicationIds", List.of(higher.id()))))));
        assertEquals(201, status(m(HttpRequest.POST(apps, Map.of("applicationIds", List.of(lower.id()))))));
        String raise = """
                INSERT INTO organization_authority_version AS v (subject, organization_id, version) VALUES (?, ?, 2)
                ON CONFLICT (subject, organization_id) DO UPDATE SET version = v.version + 1
                RETURNING CAST(version AS text)""";
        LockRace.Outcome<List<String>, Integer> race = LockRace.runThen(transactions,
                c -> Statements.strings(c, raise, lower.id(), UUID.fromString(org)),
                c -> Statements.strings(c, raise, higher.id(), UUID.fromString(org)),
                () -> status(m(HttpRequest.PUT(apps, Map.of("applicationIds", List.of())))));
        assertEquals(1, race.held().size(), "the edit's second raise");
        assertEquals(204, race.raced(), "the replacement, which waited for the edit");
        assertEquals("0", exchange(m(HttpRequest.GET(apps))).header("Total-Number"));
    }

    /**
     * An application deleted while its roles in an organization are being set: the deletion locks the application's
     * row there and then (cascading) its role rows. The role change now holds that row before it revokes a role row;
     * revoking first, it then waited on the row (its grants' foreign key) while the deletion waited on its revoked
     * role row, and PostgreSQL ended one (503).
     */
    @Test
    void anApplicationDeletedWhileItsRolesAreSetDoesNotDeadlock() throws Exception {
        String role = newRole("Held");
        String org = organization("Deleted app");
        App app = app("Deleted worker");
        join(org, app, role);
        LockRace.Outcome<List<String>, Integer> race = LockRace.runThen(transactions,
                c -> Statements.strings(c, """
                        SELECT application_id FROM organization_application
                        WHERE organization_id = ? AND application_id = ? FOR UPDATE""", UUID.fromString(org), app.id()),
                c -> Statements.strings(c, """
                        SELECT CAST(role_id AS text) FROM organization_application_role
                        WHERE organization_id = ? AND application_id = ? FOR UPDATE""", UUID.fromString(org), app.id()),
                () -> status(m(HttpRequest.PUT("/api/organizations/" + org + "/applications/" + app.id() + "/roles",
                        Map.of("organizationRoleIds", List.of(role))))));
        assertEquals(List.of(role), race.held(), "the deletion's second lock");
        assertEquals(204, race.raced(), "the role change, which waited for the deletion's transaction");
    }

    // --- helpers

    private String organization(String name) {
        return json(exchange(m(HttpRequest.POST("/api/organizations", Map.of("name", name)))).body())
                .path("id").asText();
    }

    /** A new template role named after {@code prefix}; its id. */
    private String newRole(String prefix) {
        return json(exchange(m(HttpRequest.POST("/api/organization-roles",
                Map.of("name", prefix + " " + UUID.randomUUID().toString().substring(0, 8))))).body()).path("id").asText();
    }

    private App app(String name) {
        JsonNode created = json(exchange(m(HttpRequest.POST("/api/applications", Map.of("name", name)))).body());
        return new App(created.path("id").asText(), created.path("secret").asText());
    }

    /** The application joins the organization with one role. */
    private void join(String org, App app, String roleId) {
        String apps = "/api/organizations/" + org + "/applications";
        assertEquals(201, status(m(HttpRequest.POST(apps, Map.of("applicationIds", List.of(app.id()))))));
        assertEquals(201, status(m(HttpRequest.POST(apps + "/" + app.id() + "/roles",
                Map.of("organizationRoleIds", List.of(roleId))))));
    }

    /** The ids of a list's items (not of the roles nested in them). */
    private static List<String> ids(JsonNode list) {
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(n -> n.path("id").asText()).toList();
    }

    private static Map<String, String> appForm(App app, String org) {
        return form("grant_type", "client_credentials", "client_id", app.id(), "client_secret", app.secret(),
                "organization_id", org);
    }

    private String appToken(App app, String org) {
        return tokenResponse(appForm(app, org)).path("access_token").asText();
    }

    private MutableHttpRequest<?> m(MutableHttpRequest<?> request) {
        return request.bearerAuth(managementToken());
    }

    private HttpResponse<String> exchange(MutableHttpRequest<?> request) {
        return http.toBlocking().exchange(request, String.class);
    }

    private void execute(String statement, Object... parameters) {
        transactions.executeWrite(s -> Statements.update(s.getConnection(), statement, parameters));
    }

    /** Waits until the token is refused (401) and returns the WWW-Authenticate header that says why. */
    private String awaitRefusal(String path, String token) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status(HttpRequest.GET(path).bearerAuth(token)) == 401);
        return failure(HttpRequest.GET(path).bearerAuth(token)).getResponse().header("WWW-Authenticate");
    }
}
