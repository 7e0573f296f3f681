package io.documind.org;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.documind.localstack.testing.OpenApiDocuments;
import io.documind.org.token.KeyRing;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.documind.localstack.testing.OpenApiDocuments.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint against every kind of bad token: none, garbage, expired, tampered, {@code alg: none}, HS256
 * keyed with the public key, a key the issuer never published, and tokens of the wrong kind; and what is open
 * without one, the OpenAPI document.
 */
@MicronautTest(transactional = false)
class SecurityMatrixTest extends OrgServiceTest {

    @Inject
    DataSource dataSource;
    @Inject
    KeyRing keyRing;
    @Inject
    EmbeddedServer server;

    private Account user;
    private String org;
    private String orgToken;
    private String managementToken;
    private RSAKey issuerKey;

    @BeforeAll
    void setUp() throws Exception {
        user = signUp();
        org = createOrganization(user, "Fortress");
        orgToken = organizationToken(user, org);
        managementToken = managementToken();
        issuerKey = keyRing.signingKey(); // the issuer's own private key: tokens it could have signed
    }

    private enum Kind { USER, ORGANIZATION, MANAGEMENT }

    private record Endpoint(String method, String path, Kind kind) {
    }

    /**
     * Every secured route of the published OpenAPI document (micronaut-openapi writes it from the controllers, so a
     * new route is in the matrix without anyone listing it), with the token kind its path asks for: {@code /api/...}
     * a management token, {@code /organizations/{id}...} an organization token, {@code /me...} and
     * {@code POST /organizations} a user token. Path parameters name this test's organization and user, or an id
     * that exists nowhere.
     */
    private List<Endpoint> endpoints() {
        Map<String, Object> document = OpenApiDocuments.assertPublished(server.getURI(), "org-service");
        Map<?, ?> paths = (Map<?, ?>) document.get("paths");
        String r = UUID.randomUUID().toString();
        List<Endpoint> e = new ArrayList<>();
        for (var path : paths.entrySet()) {
            String template = (String) path.getKey();
            for (var operation : ((Map<?, ?>) path.getValue()).entrySet()) {
                String method = ((String) operation.getKey()).toUpperCase(java.util.Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)
                        || ((Map<?, ?>) operation.getValue()).get("security") == null) {
                    continue; // public: the token endpoint, discovery, sign-up, password reset
                }
                String concrete = template.replace("{userId}", user.id()).replaceAll("\\{[^}]+}", r);
                if (template.startsWith("/organizations/{id}") || template.startsWith("/api/organizations/{id}")) {
                    concrete = concrete.replaceFirst(r, org);
                }
                e.add(new Endpoint(method, concrete, kindOf(method, template)));
            }
        }
        return e;
    }

    private static Kind kindOf(String method, String template) {
        if (template.startsWith("/api/")) {
            return Kind.MANAGEMENT;
        }
        if (template.startsWith("/organizations/")) {
            return Kind.ORGANIZATION;
        }
        if (template.startsWith("/me") || template.equals("/organizations") && method.equals("POST")) {
            return Kind.USER;
        }
        throw new AssertionError("a secured route this matrix does not know the token kind of: " + method + " "
                + template);
    }

    @Test
    void theRoutesOpenWithoutATokenAreExactlyThese() {
        // The matrix skips what the document calls public; a route marked public by mistake must not slip out of it.
        Map<String, Object> document = OpenApiDocuments.assertPublished(server.getURI(), "org-service");
        java.util.SortedSet<String> open = new java.util.TreeSet<>();
        for (var path : ((Map<?, ?>) document.get("paths")).entrySet()) {
            for (var operation : ((Map<?, ?>) path.getValue()).entrySet()) {
                String method = ((String) operation.getKey()).toUpperCase(java.util.Locale.ROOT);
                if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)
                        && ((Map<?, ?>) operation.getValue()).get("security") == null) {
                    open.add(method + " " + path.getKey());
                }
            }
        }
        assertEquals(new java.util.TreeSet<>(List.of("GET /email-verification",
                "GET /oidc/.well-known/openid-configuration", "GET /oidc/jwks", "POST /oidc/token",
                "POST /oidc/token/revocation", "POST /password-reset", "POST /password-reset/confirm",
                "POST /sign-up")), open);
    }

    @Test
    void theMatrixCoversEveryRouteIncludingRoundTwo() {
        List<String> routes = endpoints().stream().map(x -> x.method() + " " + x.path()).toList();
        for (String expected : List.of("GET /me", "POST /organizations", "PUT /organizations/" + org + "/members/"
                        + user.id() + "/roles", "POST /api/resources", "GET /api/roles", "POST /api/signing-keys/rotations",
                "GET /api/organizations/" + org + "/jit/email-domains", "POST /api/applications")) {
            assertTrue(routes.contains(expected), expected + " in " + routes);
        }
        assertTrue(routes.size() >= 90, routes.size() + " routes: " + routes);
    }

    @Test
    void everyEndpointRefusesEveryBadToken() throws Exception {
        Map<String, Supplier<String>> bad = new LinkedHashMap<>();
        bad.put("garbage", () -> "not.a.jwt");
        bad.put("expired", () -> sign(issuerKey, claims("urn:documind:management").expirationTime(Date.from(Instant.now().minusSeconds(600))), "at+jwt"));
        bad.put("not yet valid", () -> sign(issuerKey, claims("urn:documind:management").notBeforeTime(Date.from(Instant.now().plusSeconds(3600))), "at+jwt"));
        bad.put("wrong issuer", () -> sign(issuerKey, claims("urn:documind:management").issuer("https://evil.example/oidc"), "at+jwt"));
        bad.put("wrong typ", () -> sign(issuerKey, claims("urn:documind:management"), "JWT"));
        bad.put("unpublished key", () -> sign(freshKey(), claims("urn:documind:management"), "at+jwt"));
        bad.put("alg none", () -> new PlainJWT(claims("urn:documind:management").build()).serialize());
        bad.put("HS256 with the public key", this::hmacWithPublicKey);
        bad.put("tampered payload", () -> tamper(managementToken));
        for (Endpoint endpoint : endpoints()) {
            HttpClientResponseException none = failure(request(endpoint, null));
            assertEquals(401, none.getStatus().getCode(), "no token: " + endpoint);
            assertTrue(none.getResponse().getHeaders().get("WWW-Authenticate").startsWith("Bearer"), endpoint.toString());
            assertEquals("application/problem+json", none.getResponse().getContentType().orElseThrow().toString());
            for (var b : bad.entrySet()) {
                assertEquals(401, status(request(endpoint, b.getValue().get())), b.getKey() + ": " + endpoint);
            }
        }
    }

    @Test
    void everyEndpointRefusesTokensOfTheWrongKind() throws Exception {
        Map<Kind, String> tokens = Map.of(Kind.USER, user.accessToken(), Kind.ORGANIZATION, orgToken,
                Kind.MANAGEMENT, managementToken);
        String before = fingerprint();
        for (Endpoint endpoint : endpoints()) {
            for (var t : tokens.entrySet()) {
                if (t.getKey() != endpoint.kind()) {
                    assertEquals(401, status(request(endpoint, t.getValue())), t.getKey() + " token on " + endpoint);
                }
            }
        }
        assertEquals(before, fingerprint(), "no refused request changed what the endpoints name");
    }

    /**
     * The rows the matrix's requests name (this test's organization, its members and their roles, its user) and the
     * template, applications and API resources every management route can change. Not the tables that requests or
     * background jobs write anyway (request limits, refresh tokens, the outbox, which the relay prunes).
     */
    private String fingerprint() throws Exception {
        String sql = """
                SELECT md5(string_agg(r, '|' ORDER BY r)) FROM (
                    SELECT 'o' || o::text AS r FROM organization o WHERE o.id = ?::uuid
                    UNION ALL SELECT 'm' || m::text FROM membership m WHERE m.organization_id = ?::uuid
                    UNION ALL SELECT 'mr' || mr::text FROM membership_role mr WHERE mr.organization_id = ?::uuid
                    UNION ALL SELECT 'u' || u::text FROM app_user u WHERE u.id = ?
                    UNION ALL SELECT 'or' || x::text FROM organization_role x
                    UNION ALL SELECT 'os' || x::text FROM organization_scope x
                    UNION ALL SELECT 'ors' || x::text FROM organization_role_scope x
                    UNION ALL SELECT 'a' || x::text FROM application x
                    UNION ALL SELECT 'ar' || x::text FROM api_resource x
                    UNION ALL SELECT 'rl' || x::text FROM role x) rows""";
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            return Statements.strings(c, sql, org, org, org, user.id()).get(0);
        }
    }

    /** DESIGN §5: the OpenAPI document and Swagger UI need no token, and describe the contract's paths. */
    @Test
    void theOpenApiDocumentIsPublicAndDescribesTheContract() {
        Map<String, Object> document = OpenApiDocuments.assertPublished(server.getURI(), "org-service",
                "/sign-up", "/me", "/me/organizations", "/oidc/.well-known/openid-configuration", "/oidc/jwks",
                "/oidc/token", "/oidc/token/revocation", "/organizations", "/organizations/{id}",
                "/organizations/{id}/members",
                "/organizations/{id}/members/{userId}/roles", "/organizations/{id}/members/{userId}",
                "/api/organizations", "/api/organizations/{id}", "/api/organizations/{id}/users",
                "/api/organizations/{id}/users/{userId}", "/api/organizations/{id}/users/{userId}/roles",
                "/api/organizations/{id}/users/{userId}/roles/{roleId}", "/api/organizations/{id}/users/{userId}/scopes",
                "/api/organizations/{id}/users/roles", "/api/organization-roles", "/api/organization-roles/{id}", "/api/organization-roles/{id}/scopes",
                "/api/organization-scopes", "/api/organization-scopes/{id}", "/api/users", "/api/users/{id}",
                "/api/users/{id}/organizations", "/api/users/{id}/is-suspended", "/api/applications");
        // The token endpoint is public and shows its form (RFC 6749 names), not an opaque map.
        assertNull(at(document, "paths", "/oidc/token", "post", "security"));
        assertEquals("#/components/schemas/TokenRequest", at(document, "paths", "/oidc/token", "post", "requestBody",
                "content", "application/x-www-form-urlencoded", "schema", "$ref"));
        assertEquals(List.of("grant_type"), at(document, "components", "schemas", "TokenRequest", "required"));
        Map<?, ?> form = (Map<?, ?>) at(document, "components", "schemas", "TokenRequest", "properties");
        assertTrue(form.keySet().containsAll(List.of("grant_type", "username", "password", "refresh_token",
                "organization_id", "scope", "client_id", "client_secret")), form.keySet().toString());
        // So is the revocation endpoint's form (RFC 7009).
        assertEquals("#/components/schemas/TokenRevocationRequest", at(document, "paths", "/oidc/token/revocation",
                "post", "requestBody", "content", "application/x-www-form-urlencoded", "schema", "$ref"));
        assertEquals(List.of("token"), at(document, "components", "schemas", "TokenRevocationRequest", "required"));
        assertEquals(List.of(Map.of("bearer", List.of())),
                at(document, "paths", "/api/organizations", "get", "security"));

        OpenApiDocuments.assertOperationIdsAreNamed(document);
        assertEquals("createOrganization", at(document, "paths", "/organizations", "post", "operationId"));
        assertEquals("managementCreateOrganization", at(document, "paths", "/api/organizations", "post",
                "operationId"));
        // The status each route really answers, though it builds its HttpResponse at run time.
        OpenApiDocuments.assertSuccessStatus(document, "POST", "/sign-up", 201);
        // 202 when the creator is not Admin within the bounded wait (read-your-writes, issue 13).
        OpenApiDocuments.assertSuccessStatus(document, "POST", "/organizations", 201, 202);
        OpenApiDocuments.assertSuccessStatus(document, "PATCH", "/organizations/{id}", 200);
        OpenApiDocuments.assertSuccessStatus(document, "DELETE", "/organizations/{id}", 204);
        OpenApiDocuments.assertSuccessStatus(document, "DELETE", "/organizations/{id}/members/{userId}", 204);
        OpenApiDocuments.assertSuccessStatus(document, "POST", "/api/organizations", 201);
        OpenApiDocuments.assertSuccessStatus(document, "GET", "/api/organizations", 200);
        OpenApiDocuments.assertSuccessStatus(document, "POST", "/api/organizations/{id}/users", 201);
        OpenApiDocuments.assertSuccessStatus(document, "PUT", "/api/organizations/{id}/users/{userId}/roles", 204);
        OpenApiDocuments.assertSuccessStatus(document, "DELETE", "/api/users/{id}", 204);
        OpenApiDocuments.assertSuccessStatus(document, "POST", "/oidc/token/revocation", 200);
        // The problems beyond 401/403 that the routes answer.
        OpenApiDocuments.assertProblems(document, "POST", "/sign-up", 400, 409);
        OpenApiDocuments.assertProblems(document, "GET", "/organizations/{id}", 404);
        OpenApiDocuments.assertProblems(document, "DELETE", "/organizations/{id}/members/{userId}", 404, 422);
        OpenApiDocuments.assertProblems(document, "POST", "/api/users", 400, 409);
        OpenApiDocuments.assertProblems(document, "POST", "/api/organization-roles", 422);

        // Organization applications (issue 12 part 4).
        OpenApiDocuments.assertPublished(server.getURI(), "org-service", "/api/organizations/{id}/applications",
                "/api/organizations/{id}/applications/{applicationId}",
                "/api/organizations/{id}/applications/{applicationId}/roles",
                "/api/organizations/{id}/applications/{applicationId}/roles/{roleId}",
                "/api/applications/{id}/organizations");
        OpenApiDocuments.assertSuccessStatus(document, "POST", "/api/organizations/{id}/applications", 201);
        OpenApiDocuments.assertSuccessStatus(document, "PUT", "/api/organizations/{id}/applications", 204);
        OpenApiDocuments.assertSuccessStatus(document, "DELETE",
                "/api/organizations/{id}/applications/{applicationId}", 204);
        OpenApiDocuments.assertSuccessStatus(document, "POST",
                "/api/organizations/{id}/applications/{applicationId}/roles", 201);
        OpenApiDocuments.assertProblems(document, "POST", "/api/organizations/{id}/applications", 400, 404, 422);
        OpenApiDocuments.assertProblems(document, "GET",
                "/api/organizations/{id}/applications/{applicationId}/roles", 404, 422);
    }

    private MutableHttpRequest<?> request(Endpoint e, String token) {
        MutableHttpRequest<?> request = switch (e.method()) {
            case "GET" -> HttpRequest.GET(e.path());
            case "DELETE" -> HttpRequest.DELETE(e.path());
            case "POST" -> HttpRequest.POST(e.path(), Map.of());
            case "PUT" -> HttpRequest.PUT(e.path(), Map.of());
            case "PATCH" -> HttpRequest.PATCH(e.path(), Map.of());
            default -> throw new IllegalArgumentException(e.method());
        };
        return token == null ? request : request.bearerAuth(token);
    }

    private static JWTClaimsSet.Builder claims(String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("http://org-service.test/oidc").subject(MANAGEMENT_CLIENT)
                .audience(audience).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString()).claim("client_id", MANAGEMENT_CLIENT).claim("scope", "all");
    }

    private static String sign(RSAKey key, JWTClaimsSet.Builder claims, String typ) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(new JOSEObjectType(typ)).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String hmacWithPublicKey() {
        try {
            byte[] secret = issuerKey.toPublicJWK().toJSONString().getBytes();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issuerKey.getKeyID())
                    .type(new JOSEObjectType("at+jwt")).build(), claims("urn:documind:management").build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey freshKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("never-published").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real token whose payload was edited (subject changed) after signing. */
    private static String tamper(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWTClaimsSet edited = new JWTClaimsSet.Builder(jwt.getJWTClaimsSet()).subject("someone-else").build();
            String[] parts = token.split("\\.");
            return parts[0] + "." + Base64URL.encode(edited.toString()) + "." + parts[2];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
