package io.documind.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.localstack.KafkaBroker;
import io.documind.localstack.testing.TestInfrastructure;
import io.documind.system.Accounts.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 over the packaged services: a machine-to-machine app that belongs to organization A reads A's documents
 * with its own organization token and gets nothing of B; a user gets an organization-level token for an API resource
 * the platform's user registered, checked the way that user's API would check it (the JWKS alone), whose scopes
 * follow the organization role's resource scopes as they change.
 */
class MachinesAndApisSystemTest {

    /** The seeded template's Collaborator role (read:documents only), by its fixed id. */
    private static final String COLLABORATOR_ROLE = "00000000-0000-4000-8000-000000000003";
    private static final String MANAGEMENT_CLIENT = "machines-m2m";
    private static final String MANAGEMENT_SECRET = "machines-secret-0123456789";

    private static KafkaBroker kafka;
    private static RunningService org;
    private static RunningService documents;

    @BeforeAll
    static void start() {
        kafka = TestInfrastructure.kafka();
        org = RunningService.orgService(kafka, MANAGEMENT_CLIENT, MANAGEMENT_SECRET);
        documents = RunningService.trusting("document-service", org, kafka, Map.of());
    }

    @AfterAll
    static void stop() {
        for (RunningService s : new RunningService[]{documents, org}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void aMachineToMachineAppReadsItsOrganizationsDocumentsAndNothingOfAnother() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Session alice = Accounts.signUp(org, "alice-" + tag + "@example.com", "Alice");
        Session bob = Accounts.signUp(org, "bob-" + tag + "@example.com", "Bob");
        String a = createOrganization(alice, "A " + tag);
        String b = createOrganization(bob, "B " + tag);
        String aliceToken = organizationToken(alice, a);
        String bobToken = organizationToken(bob, b);
        String documentOfA = createDocument(aliceToken, "Plan of A");
        String documentOfB = createDocument(bobToken, "Plan of B");

        String management = Accounts.managementToken(org, MANAGEMENT_CLIENT, MANAGEMENT_SECRET);
        Http.Response app = Http.post(org.baseUrl() + "/api/applications", Map.of("name", "Reporting job " + tag),
                Http.bearer(management));
        assertEquals(201, app.status(), app.body());
        String appId = app.json().path("id").asText();
        String appSecret = app.json().path("secret").asText();
        expect(201, Http.post(org.baseUrl() + "/api/organizations/" + a + "/applications",
                Map.of("applicationIds", List.of(appId)), Http.bearer(management)));
        expectSuccess(Http.post(org.baseUrl() + "/api/organizations/" + a + "/applications/" + appId + "/roles",
                Map.of("organizationRoleIds", List.of(COLLABORATOR_ROLE)), Http.bearer(management)));

        Http.Response granted = clientCredentials(appId, appSecret, Map.of("organization_id", a));
        assertEquals(200, granted.status(), granted.body());
        String appToken = granted.json().path("access_token").asText();
        JsonNode claims = claims(appToken);
        assertEquals(appId, claims.path("sub").asText());
        assertEquals("urn:documind:organization:" + a, audience(claims));
        assertEquals(a, claims.path("organization_id").asText());
        assertEquals(List.of("read:documents"), scopes(claims));

        // document-service learns nothing from org-service but the token: it reads A's document, lists A's, and
        // refuses what the Collaborator role does not carry.
        assertEquals(200, Http.get(documents.baseUrl() + "/documents/" + documentOfA, Http.bearer(appToken)).status());
        Http.Response listed = Http.get(documents.baseUrl() + "/documents", Http.bearer(appToken));
        assertEquals(200, listed.status(), listed.body());
        assertTrue(listed.body().contains(documentOfA) && !listed.body().contains(documentOfB), listed.body());
        assertEquals(403, Http.post(documents.baseUrl() + "/documents", Map.of("title", "t", "content", "c"),
                Http.bearer(appToken)).status());

        // Organization B: its document is not found with A's token, and no token for B is given to an app of A.
        assertEquals(404, Http.get(documents.baseUrl() + "/documents/" + documentOfB, Http.bearer(appToken)).status());
        Http.Response refused = clientCredentials(appId, appSecret, Map.of("organization_id", b));
        assertEquals(403, refused.status(), refused.body());
        assertEquals("access_denied", refused.json().path("error").asText());
        assertTrue(!refused.body().contains("access_token"), refused.body());
        // Nor a management token, which would open every organization: an app of A was not given management access.
        Http.Response noManagement = clientCredentials(appId, appSecret, Map.of());
        assertEquals(400, noManagement.status(), noManagement.body());
        assertEquals("unauthorized_client", noManagement.json().path("error").asText());
        assertEquals(401, Http.get(org.baseUrl() + "/api/organizations/" + b, Http.bearer(appToken)).status(),
                "its organization token does not open the Management API either");

        // Removed from A: its token is refused at once by document-service (authority version), and no new one.
        expect(204, Http.delete(org.baseUrl() + "/api/organizations/" + a + "/applications/" + appId,
                Http.bearer(management)));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                Http.get(documents.baseUrl() + "/documents/" + documentOfA, Http.bearer(appToken)).status() == 401);
        assertEquals(403, clientCredentials(appId, appSecret, Map.of("organization_id", a)).status());
    }

    @Test
    void aUsersOrganizationTokenForARegisteredApiFollowsTheRolesResourceScopes() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Session alice = Accounts.signUp(org, "carol-" + tag + "@example.com", "Carol");
        Session bob = Accounts.signUp(org, "dave-" + tag + "@example.com", "Dave");
        String a = createOrganization(alice, "Reports " + tag);
        String b = createOrganization(bob, "Other " + tag);
        organizationToken(alice, a);
        organizationToken(bob, b);
        String management = Accounts.managementToken(org, MANAGEMENT_CLIENT, MANAGEMENT_SECRET);

        String indicator = "https://reports-" + tag + ".example.com/api";
        Http.Response resource = Http.post(org.baseUrl() + "/api/resources",
                Map.of("name", "Reports " + tag, "indicator", indicator), Http.bearer(management));
        assertEquals(201, resource.status(), resource.body());
        String resourceId = resource.json().path("id").asText();
        String read = createResourceScope(management, resourceId, "read:reports");
        String write = createResourceScope(management, resourceId, "write:reports");
        Http.Response other = Http.post(org.baseUrl() + "/api/resources",
                Map.of("name", "Other " + tag, "indicator", "https://other-" + tag + ".example.com"),
                Http.bearer(management));
        assertEquals(201, other.status(), other.body());
        String foreign = createResourceScope(management, other.json().path("id").asText(), "read:reports-elsewhere");

        Http.Response role = Http.post(org.baseUrl() + "/api/organization-roles",
                Map.of("name", "Reporter " + tag), Http.bearer(management));
        assertEquals(201, role.status(), role.body());
        String reporter = role.json().path("id").asText();
        expect(201, Http.post(org.baseUrl() + "/api/organization-roles/" + reporter + "/resource-scopes",
                Map.of("scopeIds", List.of(read, foreign)), Http.bearer(management)));
        expect(201, Http.post(org.baseUrl() + "/api/organizations/" + a + "/users/" + alice.userId + "/roles",
                Map.of("organizationRoleIds", List.of(reporter)), Http.bearer(management)));

        JsonNode first = verifiedWithJwksAlone(resourceToken(alice, a, indicator));
        assertEquals(indicator, audience(first));
        assertEquals(a, first.path("organization_id").asText());
        assertEquals(alice.userId, first.path("sub").asText());
        assertEquals(List.of("read:reports"), scopes(first), "the other resource's scope stays out");

        expect(201, Http.post(org.baseUrl() + "/api/organization-roles/" + reporter + "/resource-scopes",
                Map.of("scopeIds", List.of(write)), Http.bearer(management)));
        assertEquals(List.of("read:reports", "write:reports"),
                scopes(verifiedWithJwksAlone(resourceToken(alice, a, indicator))));
        expect(204, Http.delete(org.baseUrl() + "/api/organization-roles/" + reporter + "/resource-scopes/" + read,
                Http.bearer(management)));
        assertEquals(List.of("write:reports"), scopes(verifiedWithJwksAlone(resourceToken(alice, a, indicator))));

        // Dave is Admin of B and holds no Reporter role: a token for the API in B carries none of its scopes; in A,
        // where he is no member, he gets no token at all.
        assertEquals(List.of(), scopes(verifiedWithJwksAlone(resourceToken(bob, b, indicator))));
        Http.Response refused = Http.postForm(org.baseUrl() + "/oidc/token", Map.of("grant_type", "refresh_token",
                "refresh_token", bob.refreshToken, "organization_id", a, "resource", indicator));
        assertEquals(403, refused.status(), refused.body());
        assertEquals("access_denied", refused.json().path("error").asText());
    }

    private static String createOrganization(Session session, String name) {
        Http.Response created = Http.post(org.baseUrl() + "/organizations", Map.of("name", name),
                Http.bearer(session.accessToken));
        assertTrue(created.status() == 201 || created.status() == 202, created.status() + " " + created.body());
        return created.json().path("id").asText();
    }

    /** The creator's organization token, once OrganizationCreated has made the creator Admin. */
    private static String organizationToken(Session session, String organizationId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> Accounts.tryOrganizationToken(org, session, organizationId), t -> t != null);
    }

    private static String createDocument(String organizationToken, String title) {
        Http.Response created = Http.post(documents.baseUrl() + "/documents", Map.of("title", title, "content", title),
                Http.bearer(organizationToken));
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }

    private static String createResourceScope(String management, String resourceId, String name) {
        Http.Response scope = Http.post(org.baseUrl() + "/api/resources/" + resourceId + "/scopes",
                Map.of("name", name), Http.bearer(management));
        assertEquals(201, scope.status(), scope.body());
        return scope.json().path("id").asText();
    }

    private static String resourceToken(Session session, String organizationId, String indicator) {
        Http.Response r = Http.postForm(org.baseUrl() + "/oidc/token", Map.of("grant_type", "refresh_token",
                "refresh_token", session.refreshToken, "organization_id", organizationId, "resource", indicator));
        assertEquals(200, r.status(), r.body());
        session.refreshToken = r.json().path("refresh_token").asText();
        return r.json().path("access_token").asText();
    }

    private static Http.Response clientCredentials(String clientId, String secret, Map<String, String> more) {
        Map<String, String> form = new HashMap<>(more);
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        return Http.postForm(org.baseUrl() + "/oidc/token", form);
    }

    /**
     * What a resource server of the platform's user does with nothing but the issuer's JWKS: RS256 signature by the
     * key the header names, the issuer, typ at+jwt and an unexpired exp. Returns the claims.
     */
    private static JsonNode verifiedWithJwksAlone(String token) throws Exception {
        String[] parts = token.split("\\.");
        JsonNode header = Http.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertEquals("RS256", header.path("alg").asText());
        assertEquals("at+jwt", header.path("typ").asText());
        JsonNode jwks = Http.get(org.baseUrl() + "/oidc/jwks", Map.of()).json();
        JsonNode key = null;
        for (JsonNode k : jwks.path("keys")) {
            if (k.path("kid").asText().equals(header.path("kid").asText())) {
                key = k;
            }
        }
        assertNotNull(key, "the token's kid is in the JWKS");
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()))));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publicKey);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])), "signature");
        JsonNode claims = claims(token);
        assertEquals(org.baseUrl() + "/oidc", claims.path("iss").asText().replace("localhost", "127.0.0.1"));
        assertTrue(claims.path("exp").asLong() > System.currentTimeMillis() / 1000, "unexpired");
        return claims;
    }

    private static JsonNode claims(String token) {
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String audience(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        return aud.isArray() ? aud.get(0).asText() : aud.asText();
    }

    private static List<String> scopes(JsonNode claims) {
        String scope = claims.path("scope").asText();
        return scope.isBlank() ? List.of() : Arrays.stream(scope.split(" ")).sorted().toList();
    }

    private static void expect(int status, Http.Response response) {
        assertEquals(status, response.status(), response.body());
    }

    private static void expectSuccess(Http.Response response) {
        assertTrue(response.status() / 100 == 2, response.status() + " " + response.body());
    }
}
