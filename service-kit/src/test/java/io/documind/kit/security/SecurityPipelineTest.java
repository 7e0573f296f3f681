package io.documind.kit.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.contracts.security.Scopes;
import io.documind.contracts.security.TokenClaims;
import io.documind.localstack.testing.TestIssuer;
import io.micronaut.security.token.jwt.validator.JsonWebTokenParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What moving validation onto micronaut-security-jwt had to keep or add, over real HTTP: the authority check runs
 * last and its reason reaches the caller, health details are for a management token only, and tokens on public
 * routes do not matter however bad they are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestIssuer issuer;
    private SecuredService service;
    private TestAuthorityCheck authority;

    @BeforeAll
    void start() {
        issuer = TestIssuer.shared();
        service = SecuredService.start(issuer.issuer(), Map.of(TestAuthorityCheck.ENABLED, "true"));
        authority = service.context().getBean(TestAuthorityCheck.class);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void aTokenWhoseAuthorityShrankIs401WithTheCheckersReason() throws IOException {
        String stale = issuer.token().organization("org-1").subject("ann").scopes(Scopes.READ_DOCUMENTS)
                .claim(TokenClaims.AUTHORITY_VERSION, 4).claim(TokenClaims.ORGANIZATION_AUTHORITY_VERSION, 9).sign();
        HttpResponse<String> r = service.get("/secured/organization", stale);
        assertEquals(401, r.statusCode(), r.body());
        assertEquals("Bearer error=\"invalid_token\", error_description=\"" + TestAuthorityCheck.REASON + "\"",
                r.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals(TestAuthorityCheck.REASON, JSON.readTree(r.body()).path("detail").asText());
        assertTrue(authority.asked.contains(new TestAuthorityCheck.Asked("ann", "org-1", 4L, 9L)), authority.asked.toString());

        String current = issuer.token().organization("org-1").subject("ann").scopes(Scopes.READ_DOCUMENTS)
                .claim(TokenClaims.AUTHORITY_VERSION, TestAuthorityCheck.CURRENT).sign();
        assertEquals(200, service.get("/secured/organization", current).statusCode());
        // A token of no organization is asked about with none; a token without the claims with nulls.
        assertEquals(200, service.get("/secured/user", issuer.userToken("bea")).statusCode());
        assertTrue(authority.asked.contains(new TestAuthorityCheck.Asked("bea", null, null, null)), authority.asked.toString());
    }

    @Test
    void theAuthorityCheckComesLastAndSeesOnlyOtherwiseGoodTokens() throws IOException {
        int before = authority.asked.size();
        HttpResponse<String> r = service.get("/secured/user", issuer.token().subject("cid").expired()
                .claim(TokenClaims.AUTHORITY_VERSION, 1).sign());
        assertEquals(401, r.statusCode());
        assertEquals("The access token has expired", JSON.readTree(r.body()).path("detail").asText());
        HttpResponse<String> forged = service.get("/secured/user", issuer.token().subject("cid")
                .claim(TokenClaims.AUTHORITY_VERSION, 1).signWithUnpublishedKey());
        assertEquals("The access token's signature is invalid", JSON.readTree(forged.body()).path("detail").asText());
        assertEquals(before, authority.asked.size(), "never asked about a token refused for another reason");
    }

    @Test
    void aTokenParsedOnceIsStillCheckedInFullOnEveryRequest() {
        ParsedTokens parsed = (ParsedTokens) service.context().getBean(JsonWebTokenParser.class);
        String token = issuer.token().organization("org-2").subject("gus").scopes(Scopes.READ_DOCUMENTS)
                .claim(TokenClaims.AUTHORITY_VERSION, TestAuthorityCheck.CURRENT).sign();
        int remembered = parsed.remembered();
        long askedBefore = asked("gus");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, service.get("/secured/organization", token).statusCode());
        }
        assertEquals(remembered + 1, parsed.remembered(), "parsed once");
        assertEquals(askedBefore + 3, asked("gus"), "the authority check ran on each request");
        // The same token on a route of another kind is refused as before: the memo holds a parse, not a verdict.
        assertEquals(401, service.get("/secured/user", token).statusCode());
    }

    private long asked(String subject) {
        return authority.asked.stream().filter(a -> subject.equals(a.subject())).count();
    }

    @Test
    void anAuthorityVersionThatIsNoWholeNumberIsRefused() {
        String odd = issuer.token().subject("dan").claim(TokenClaims.AUTHORITY_VERSION, "5").sign();
        assertEquals(401, service.get("/secured/user", odd).statusCode());
    }

    @Test
    void healthDetailsAreForAManagementTokenOnlyWhileTheStatusIsPublic() throws IOException {
        JsonNode anonymous = health(null);
        assertEquals("UP", anonymous.path("status").asText());
        assertFalse(anonymous.has("details"), anonymous.toString());
        for (String token : List.of(issuer.userToken("eve"),
                issuer.organizationToken("eve", "org-1", Scopes.ALL_ORGANIZATION_SCOPES.toArray(String[]::new)),
                issuer.token().management().subject("m2m").clientId("m2m").expired().sign(), "garbage")) {
            JsonNode health = health(token);
            assertEquals("UP", health.path("status").asText());
            assertFalse(health.has("details"), health.toString());
        }
        JsonNode management = health(issuer.managementToken("m2m"));
        assertTrue(management.path("details").has("jdbc"), management.toString());
    }

    @Test
    void onPublicRoutesEvenAForgedOrExpiredTokenDoesNotMatter() {
        for (String token : List.of(issuer.token().expired().sign(), issuer.token().signWithUnpublishedKey(),
                issuer.token().keyId("never-published").sign())) {
            assertEquals(200, service.get("/secured/public", token).statusCode());
            assertEquals(200, service.get("/health/liveness", token).statusCode());
        }
    }

    @Test
    void theLibrarysOwnEndpointsAreNotServed() {
        for (String path : List.of("/keys", "/oauth/access_token", "/login", "/logout")) {
            assertEquals(404, service.get(path, issuer.managementToken("m2m")).statusCode(), path);
            assertEquals(404, service.send("POST", path).statusCode(), path);
        }
    }

    private JsonNode health(String token) throws IOException {
        HttpResponse<String> r = await().atMost(Duration.ofSeconds(30))
                .until(() -> service.get("/health", token), x -> x.statusCode() == 200);
        return JSON.readTree(r.body());
    }
}
