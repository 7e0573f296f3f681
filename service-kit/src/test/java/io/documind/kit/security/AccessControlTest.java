package io.documind.kit.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import io.documind.contracts.security.Scopes;
import io.documind.contracts.security.TokenClaims;
import io.documind.kit.authority.Cause;
import io.documind.kit.authority.Floor;
import io.documind.kit.authority.FloorStore;
import io.documind.localstack.testing.OpenApiDocuments;
import io.documind.localstack.testing.TestIssuer;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.documind.localstack.testing.OpenApiDocuments.at;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every acceptance and refusal of the access control, over real HTTP against a service trusting a test issuer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG = "org-" + UUID.randomUUID();

    private TestIssuer issuer;
    private SecuredService service;

    @BeforeAll
    void start() {
        issuer = TestIssuer.start(); // own issuer: the rotation test changes its keys
        service = SecuredService.start(issuer.issuer(), Map.of("documind.security.key-refresh-min-interval", "100ms"));
    }

    @AfterAll
    void stop() {
        service.close();
        issuer.close();
    }

    @Test
    void anOrganizationTokenWithTheScopeIsAcceptedAndHandedToTheController() throws IOException {
        HttpResponse<String> ok = service.get("/secured/organization",
                issuer.organizationToken("alice", ORG, Scopes.READ_DOCUMENTS, Scopes.INVITE_MEMBER));
        assertEquals(200, ok.statusCode(), ok.body());
        JsonNode token = JSON.readTree(ok.body());
        assertEquals("alice", token.path("subject").asText());
        assertEquals("ORGANIZATION", token.path("kind").asText());
        assertEquals(ORG, token.path("organizationId").asText());
        assertEquals(TestIssuer.DEFAULT_CLIENT_ID, token.path("clientId").asText());
        assertEquals("invite:member read:documents", token.path("scopes").asText());
    }

    @Test
    void eachKindIsAcceptedWhereItIsListed() throws IOException {
        JsonNode user = JSON.readTree(ok("/secured/user", issuer.userToken("bob")).body());
        assertEquals("USER", user.path("kind").asText());
        assertEquals("null", user.path("organizationId").asText());

        JsonNode management = JSON.readTree(ok("/secured/management", issuer.managementToken("m2m-app")).body());
        assertEquals("MANAGEMENT", management.path("kind").asText());
        assertEquals("m2m-app", management.path("subject").asText());
        assertEquals("m2m-app", management.path("clientId").asText());

        // A route open to two kinds: the management token needs only "all", the organization token its scope.
        ok("/secured/invite", issuer.managementToken("m2m-app"));
        ok("/secured/invite", issuer.organizationToken("carol", ORG, Scopes.INVITE_MEMBER));
        // RFC 9068 also allows the full media type, in any case.
        ok("/secured/user", issuer.token().type("application/AT+JWT").sign());
    }

    @Test
    void noTokenIs401WithABareBearerChallengeAndAProblem() throws IOException {
        for (HttpResponse<String> r : List.of(
                service.get("/secured/organization", null),
                service.getWithAuthorization("/secured/organization", "Basic dXNlcjpwYXNz"),
                service.getWithAuthorization("/secured/organization", "Bearer"))) {
            assertEquals(401, r.statusCode());
            assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElseThrow());
            assertProblem(r, 401, "/secured/organization");
        }
    }

    @Test
    void aMissingScopeIs403NamingTheScopes() throws IOException {
        HttpResponse<String> r = service.get("/secured/organization/update",
                issuer.organizationToken("dave", ORG, Scopes.READ_DOCUMENTS));
        assertEquals(403, r.statusCode());
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"read:documents update:documents\"",
                r.headers().firstValue("WWW-Authenticate").orElseThrow());
        JsonNode problem = assertProblem(r, 403, "/secured/organization/update");
        assertTrue(problem.path("detail").asText().contains("update:documents"));

        HttpResponse<String> noScopes = service.get("/secured/organization", issuer.organizationToken("dave", ORG));
        assertEquals(403, noScopes.statusCode());

        HttpResponse<String> invite = service.get("/secured/invite", issuer.organizationToken("dave", ORG,
                Scopes.READ_DOCUMENTS));
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"invite:member\"",
                invite.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void aManagementTokenMustCarryAll() throws IOException {
        String withoutAll = issuer.token().management().subject("m2m").clientId("m2m").scopes("read:documents").sign();
        HttpResponse<String> r = service.get("/secured/management", withoutAll);
        assertEquals(403, r.statusCode());
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"all\"",
                r.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertProblem(r, 403, "/secured/management");
    }

    @Test
    void aValidTokenOfAnotherKindIs401() throws IOException {
        assertInvalidToken(service.get("/secured/organization", issuer.userToken("eve", Scopes.READ_DOCUMENTS)));
        assertInvalidToken(service.get("/secured/organization", issuer.managementToken("m2m")));
        assertInvalidToken(service.get("/secured/management", issuer.organizationToken("eve", ORG, "all")));
        assertInvalidToken(service.get("/secured/user", issuer.organizationToken("eve", ORG)));
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of("expired", (Forge) i -> i.token().expired().sign()),
                Arguments.of("not yet valid", (Forge) i -> i.token().notYetValid().sign()),
                Arguments.of("issued in the future", (Forge) i -> i.token()
                        .issuedAt(Instant.now().plus(Duration.ofMinutes(10))).sign()),
                Arguments.of("wrong issuer", (Forge) i -> i.token().issuer("https://evil.example/oidc").sign()),
                Arguments.of("issuer with a trailing slash", (Forge) i -> i.token().issuer(i.issuer() + "/").sign()),
                Arguments.of("typ JWT", (Forge) i -> i.token().type("JWT").sign()),
                Arguments.of("no typ", (Forge) i -> i.token().type(null).sign()),
                Arguments.of("no kid", (Forge) i -> i.token().keyId(null).sign()),
                Arguments.of("unknown kid", (Forge) i -> i.token().keyId("never-published").sign()),
                Arguments.of("without sub", (Forge) i -> i.token().without("sub").sign()),
                Arguments.of("without aud", (Forge) i -> i.token().without("aud").sign()),
                Arguments.of("without iat", (Forge) i -> i.token().without("iat").sign()),
                Arguments.of("without exp", (Forge) i -> i.token().without("exp").sign()),
                Arguments.of("without jti", (Forge) i -> i.token().without("jti").sign()),
                Arguments.of("without client_id", (Forge) i -> i.token().without("client_id").sign()),
                Arguments.of("without scope", (Forge) i -> i.token().without("scope").sign()),
                Arguments.of("scope not a string", (Forge) i -> i.token().claim("scope", List.of("a")).sign()),
                Arguments.of("unknown audience", (Forge) i -> i.token().audience("urn:someone:else").sign()),
                Arguments.of("two audiences", (Forge) i -> i.token()
                        .audience(List.of("urn:documind:api", "urn:documind:management")).sign()),
                Arguments.of("organization claim disagrees with aud", (Forge) i -> i.token().organization(ORG)
                        .claim("organization_id", "other-org").scopes(Scopes.READ_DOCUMENTS).sign()),
                Arguments.of("tampered payload", (Forge) i -> i.token()
                        .tampered(Map.of("scope", "all", "aud", "urn:documind:management"))),
                Arguments.of("alg none", (Forge) i -> i.token().unsigned()),
                Arguments.of("HS256 keyed with the public key", (Forge) i -> i.token().signHs256WithPublicKey()),
                Arguments.of("RS512", (Forge) i -> i.token().algorithm(JWSAlgorithm.RS512).sign()),
                Arguments.of("PS256", (Forge) i -> i.token().algorithm(JWSAlgorithm.PS256).sign()),
                Arguments.of("signed by an unpublished key", (Forge) i -> i.token().signWithUnpublishedKey()),
                Arguments.of("authority version not a number", (Forge) i -> i.token()
                        .claim(TokenClaims.AUTHORITY_VERSION, "7").sign()),
                Arguments.of("not a JWT", (Forge) i -> "not-a-token"),
                Arguments.of("five parts (JWE shape)", (Forge) i -> "a.b.c.d.e"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aBadTokenIs401InvalidToken(String what, Forge forge) throws IOException {
        // Every forged token is a user token for the user route, so only the flaw can be the reason.
        HttpResponse<String> r = service.get("/secured/user", forge.token(issuer));
        assertInvalidToken(r);
    }

    @Test
    void aTokenIssuedBeforeItsAuthorityShrankIs401SayingWhyAndThatANewTokenIsNeeded() throws IOException {
        String member = "member-" + UUID.randomUUID();
        String before = issuer.token().organization(ORG).subject(member).scopes(Scopes.READ_DOCUMENTS)
                .claim(TokenClaims.AUTHORITY_VERSION, 1).claim(TokenClaims.ORGANIZATION_AUTHORITY_VERSION, 3).sign();
        String after = issuer.token().organization(ORG).subject(member).scopes(Scopes.READ_DOCUMENTS)
                .claim(TokenClaims.AUTHORITY_VERSION, 1).claim(TokenClaims.ORGANIZATION_AUTHORITY_VERSION, 4).sign();
        ok("/secured/organization", before);

        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> transactions = service.context().getBean(TransactionOperations.class);
        transactions.executeWrite(s -> {
            service.context().getBean(FloorStore.class).raise(new Floor(member, ORG, 4, Cause.MemberRolesChanged, 0));
            return null;
        });

        HttpResponse<String> refused = await().atMost(Duration.ofSeconds(5))
                .until(() -> service.get("/secured/organization", before), r -> r.statusCode() == 401);
        assertInvalidToken(refused);
        String why = "The access token was issued before the member's roles in the organization changed;"
                + " request a new token";
        assertEquals("Bearer error=\"invalid_token\", error_description=\"" + why + "\"",
                refused.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals(why, JSON.readTree(refused.body()).path("detail").asText());
        ok("/secured/organization", after);
    }

    @Test
    void moreThanOneAuthorizationHeaderIsRefused() throws IOException {
        String token = issuer.userToken("frank");
        assertInvalidToken(service.getWithAuthorization("/secured/user", "Bearer " + token, "Bearer " + token));
    }

    @Test
    void aTokenJustPastItsExpiryIsStillWithinTheClockSkew() {
        ok("/secured/user", issuer.token().expiresAt(Instant.now().minusSeconds(5)).sign());
        ok("/secured/user", issuer.token().notBefore(Instant.now().plusSeconds(5)).sign());
    }

    @Test
    void aRouteWithoutAnnotationIsClosedToEveryone() throws IOException {
        for (String token : new String[]{null, issuer.userToken("root"), issuer.managementToken("m2m"),
                issuer.organizationToken("root", ORG, Scopes.ALL_ORGANIZATION_SCOPES.toArray(String[]::new))}) {
            HttpResponse<String> r = service.get("/secured/forgotten", token);
            assertEquals(401, r.statusCode());
            assertProblem(r, 401, "/secured/forgotten");
            assertTrue(r.headers().firstValue("WWW-Authenticate").isPresent());
        }
    }

    @Test
    void publicRoutesAndManagementEndpointsNeedNoToken() {
        for (String path : List.of("/secured/public", "/health", "/health/liveness", "/health/readiness",
                "/prometheus")) {
            HttpResponse<String> r = await().atMost(Duration.ofSeconds(30))
                    .until(() -> service.get(path, null), x -> x.statusCode() == 200);
            assertEquals(200, r.statusCode(), path);
        }
        // A token, even a bad one, does not matter on a public route.
        assertEquals(200, service.get("/secured/public", "garbage").statusCode());
        // An unknown path stays a plain 404.
        assertEquals(404, service.get("/secured/nowhere", null).statusCode());
    }

    @Test
    void theOpenApiDocumentAndSwaggerUiAreOpenForReadingOnly() throws IOException {
        Map<String, Object> document = OpenApiDocuments.assertPublished(service.base(), "service-kit",
                "/secured/user", "/secured/public", "/secured/class-public/locked");
        // @Authorized brings the bearer requirement and the 401/403 problems; the token is no parameter.
        for (String path : List.of("/secured/user", "/secured/class-public/locked")) {
            assertEquals(List.of(Map.of("bearer", List.of())), at(document, "paths", path, "get", "security"), path);
            for (String status : List.of("401", "403")) {
                assertEquals("#/components/schemas/Problem", at(document, "paths", path, "get", "responses", status,
                        "content", "application/problem+json", "schema", "$ref"), path + " " + status);
            }
            assertNull(at(document, "paths", path, "get", "parameters"), path);
        }
        assertNull(at(document, "paths", "/secured/public", "get", "security"));
        assertNull(at(document, "paths", "/secured/public", "get", "responses", "401"));

        String yaml = OpenApiDocuments.documentPath("service-kit");
        for (String path : List.of(yaml, OpenApiDocuments.SWAGGER_UI, "/swagger-ui/",
                "/swagger-ui/res/swagger-ui-bundle.js")) {
            assertEquals(200, service.send("HEAD", path).statusCode(), path);
            assertEquals(200, service.get(path, "garbage").statusCode(), path); // a token does not matter
            for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                HttpResponse<String> r = service.send(method, path);
                assertEquals(405, r.statusCode(), method + " " + path);
                assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow());
                assertProblem(r, 405, path);
            }
        }
        // Nothing else becomes readable: other files, ways out of the mapped folders, unknown paths. (The escapes
        // aim at logback-test.xml, a file at this class path's root.)
        for (String path : List.of("/swagger/nothing.yml", "/swagger-ui/nothing.js", "/swagger/../logback-test.xml",
                "/swagger/%2e%2e/%2e%2e/logback-test.xml", "/swagger-ui/..%2f..%2f..%2f..%2flogback-test.xml",
                "/swagger/../../io/documind/kit/KitDefaults.class", "/logback-test.xml", "/nowhere")) {
            HttpResponse<String> r = service.send("GET", path);
            assertEquals(404, r.statusCode(), path + ": " + r.body());
        }
        assertEquals(404, service.send("POST", "/nowhere").statusCode());
        // Routes keep their own answers: a method a route lacks, and the token checks.
        assertEquals(405, service.send("POST", "/secured/public").statusCode());
        assertEquals(401, service.get("/secured/forgotten", null).statusCode());
        assertEquals(401, service.get("/secured/user", null).statusCode());
    }

    @Test
    void theMethodAnnotationWinsOverTheClass() throws IOException {
        assertEquals(200, service.get("/secured/class-authorized/open", null).statusCode());
        assertEquals(401, service.get("/secured/class-authorized/inherited", null).statusCode());
        ok("/secured/class-authorized/inherited", issuer.userToken("gina"));

        assertEquals(200, service.get("/secured/class-public/inherited", null).statusCode());
        assertEquals(401, service.get("/secured/class-public/locked", null).statusCode());
        assertInvalidToken(service.get("/secured/class-public/locked", issuer.userToken("gina")));
        ok("/secured/class-public/locked", issuer.managementToken("m2m"));
    }

    @Test
    void aRotatedKeyIsPickedUpThroughTheUnknownKid() {
        ok("/secured/user", issuer.userToken("henry")); // the old key set is cached now
        int fetchesBefore = issuer.jwksRequests();

        String newKid = issuer.rotateKey();
        String signedWithNewKey = issuer.userToken("henry");
        // The refresh is rate-limited (100 ms here), so the very first try may come too soon after the last fetch.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> service.get("/secured/user", signedWithNewKey).statusCode() == 200);
        assertTrue(issuer.jwksRequests() > fetchesBefore, "the key set was fetched again for " + newKid);
    }

    @FunctionalInterface
    interface Forge {
        String token(TestIssuer issuer);
    }

    private HttpResponse<String> ok(String path, String token) {
        HttpResponse<String> r = service.get(path, token);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r;
    }

    private static void assertInvalidToken(HttpResponse<String> r) throws IOException {
        assertEquals(401, r.statusCode(), r.body());
        String challenge = r.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Bearer error=\"invalid_token\", error_description=\""), challenge);
        assertProblem(r, 401, null);
    }

    private static JsonNode assertProblem(HttpResponse<String> r, int status, String path) throws IOException {
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
        JsonNode problem = JSON.readTree(r.body());
        assertEquals(status, problem.path("status").asInt());
        assertEquals("about:blank", problem.path("type").asText());
        assertTrue(problem.path("title").isTextual());
        assertTrue(problem.path("detail").isTextual());
        if (path != null) {
            assertEquals(path, problem.path("instance").asText());
        }
        return problem;
    }
}
