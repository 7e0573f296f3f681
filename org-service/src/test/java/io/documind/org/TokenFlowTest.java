package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.documind.org.token.LoginFailures;
import io.documind.org.token.LoginThrottle;
import io.documind.org.token.OAuthException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token endpoint's grants and the tokens they give, over HTTP on real PostgreSQL and Kafka. */
@MicronautTest(transactional = false)
class TokenFlowTest extends OrgServiceTest {

    @Test
    void discoveryAndJwksDescribeTheIssuer() {
        JsonNode config = json(http.toBlocking().retrieve("/oidc/.well-known/openid-configuration"));
        assertEquals("http://org-service.test/oidc", config.path("issuer").asText());
        assertEquals("http://org-service.test/oidc/jwks", config.path("jwks_uri").asText());
        JsonNode keys = json(http.toBlocking().retrieve("/oidc/jwks")).path("keys");
        assertTrue(keys.size() >= 1);
        assertEquals("RSA", keys.get(0).path("kty").asText());
        assertFalse(keys.get(0).has("d"), "never the private part");
    }

    @Test
    void aUserTokenCarriesTheDesignClaims() throws Exception {
        Account account = signUp();
        SignedJWT jwt = SignedJWT.parse(account.accessToken());
        assertEquals("at+jwt", jwt.getHeader().getType().getType());
        assertEquals("RS256", jwt.getHeader().getAlgorithm().getName());
        assertNotNull(jwt.getHeader().getKeyID());
        var claims = jwt.getJWTClaimsSet();
        assertEquals("http://org-service.test/oidc", claims.getIssuer());
        assertEquals(account.id(), claims.getSubject());
        assertEquals(List.of("urn:documind:api"), claims.getAudience());
        assertNotNull(claims.getJWTID());
        assertNotNull(claims.getIssueTime());
        assertTrue(claims.getExpirationTime().after(claims.getIssueTime()));
        assertEquals("documind-app", claims.getStringClaim("client_id"));
        assertEquals(account.email(), claims.getStringClaim("email"));
        assertNotNull(claims.getStringClaim("scope"));

        JsonNode me = json(http.toBlocking().retrieve(HttpRequest.GET("/me").bearerAuth(account.accessToken())));
        assertEquals(account.email(), me.path("primaryEmail").asText());
        assertFalse(me.has("passwordHash"));
    }

    @Test
    void anOrganizationTokenCarriesTheMembersScopesIntersectedWithTheRequest() throws Exception {
        Account admin = signUp();
        String org = createOrganization(admin, "Scoped");

        var all = SignedJWT.parse(organizationToken(admin, org)).getJWTClaimsSet();
        assertEquals(List.of("urn:documind:organization:" + org), all.getAudience());
        assertEquals(org, all.getStringClaim("organization_id"));
        assertEquals(ADMIN_SCOPES, List.of(all.getStringClaim("scope").split(" ")).stream().sorted().toList());

        var some = SignedJWT.parse(organizationToken(admin, org, "read:documents", "not:a-scope")).getJWTClaimsSet();
        assertEquals("read:documents", some.getStringClaim("scope"));
    }

    @Test
    void anOrganizationTokenNamesTheOrganizationByItsCanonicalIdWhateverSpellingWasAskedFor() throws Exception {
        Account admin = signUp();
        String org = createOrganization(admin, "Spelled");
        // UUID.fromString takes upper case; the token must still name the one organization there is.
        var claims = SignedJWT.parse(organizationToken(admin, org.toUpperCase())).getJWTClaimsSet();
        assertEquals(List.of("urn:documind:organization:" + org), claims.getAudience());
        assertEquals(org, claims.getStringClaim("organization_id"));
    }

    @Test
    void aNonMemberGetsNoOrganizationToken() {
        Account owner = signUp();
        Account stranger = signUp();
        String org = createOrganization(owner, "Members only");
        for (String target : List.of(org, UUID.randomUUID().toString(), "not-a-uuid")) {
            HttpClientResponseException e = failure(tokenRequest(form("grant_type", "refresh_token",
                    "refresh_token", latestRefresh(stranger), "organization_id", target)));
            assertEquals(403, e.getStatus().getCode());
            assertEquals("access_denied", json(body(e)).path("error").asText());
        }
        // The refused request did not use up the stranger's refresh token.
        assertEquals(200, status(tokenRequest(form("grant_type", "refresh_token", "refresh_token", latestRefresh(stranger)))));
    }

    @Test
    void revocationEndsASignIn() {
        Account account = signUp();
        assertEquals(200, status(HttpRequest.POST("/oidc/token/revocation", "token=" + account.refreshToken())
                .contentType("application/x-www-form-urlencoded")));
        assertEquals(400, status(tokenRequest(form("grant_type", "refresh_token", "refresh_token", account.refreshToken()))));
    }

    @Test
    void clientCredentialsGiveAManagementTokenOnlyForTheRightSecret() throws Exception {
        var claims = SignedJWT.parse(managementToken()).getJWTClaimsSet();
        assertEquals(List.of("urn:documind:management"), claims.getAudience());
        assertEquals("all", claims.getStringClaim("scope"));
        assertEquals(MANAGEMENT_CLIENT, claims.getStringClaim("client_id"));

        HttpClientResponseException wrong = failure(tokenRequest(form("grant_type", "client_credentials",
                "client_id", MANAGEMENT_CLIENT, "client_secret", "guess")));
        assertEquals(401, wrong.getStatus().getCode());
        assertEquals("invalid_client", json(body(wrong)).path("error").asText());

        String basic = java.util.Base64.getEncoder().encodeToString((MANAGEMENT_CLIENT + ":" + MANAGEMENT_SECRET).getBytes());
        assertEquals(200, status(tokenRequest(form("grant_type", "client_credentials"))
                .header("Authorization", "Basic " + basic)));
    }

    @Test
    void badTokenRequestsAreRfc6749Errors() {
        Map<Map<String, String>, String> cases = Map.of(
                form("grant_type", "implicit"), "unsupported_grant_type",
                form("username", "x"), "invalid_request",
                form("grant_type", "password", "username", "nobody@example.com"), "invalid_request",
                form("grant_type", "refresh_token", "refresh_token", "forged"), "invalid_grant",
                form("grant_type", "password", "username", "a@b.c", "password", "x", "client_id", "evil"), "unauthorized_client");
        cases.forEach((formBody, error) -> {
            HttpClientResponseException e = failure(tokenRequest(formBody));
            assertEquals(error, json(body(e)).path("error").asText(), formBody.toString());
            assertTrue(e.getStatus().getCode() >= 400 && e.getStatus().getCode() < 500);
        });
    }

    @Test
    void passwordGuessingIsThrottledPerAccountWithRetryAfter() {
        Account victim = signUp();
        int lastStatus = 0;
        HttpClientResponseException last = null;
        for (int i = 0; i < 7; i++) {
            last = failure(tokenRequest(form("grant_type", "password", "username", victim.email(), "password", "wrong" + i)));
            lastStatus = last.getStatus().getCode();
        }
        assertEquals(429, lastStatus);
        assertNotNull(last.getResponse().getHeaders().get("Retry-After"));
    }

    @Inject
    LoginFailures loginFailures;

    @Test
    void instancesSharingTheDatabaseShareOneGuessingBudgetEvenUnderParallelGuesses() throws Exception {
        // Two throttles over the one database: what two org-service instances are.
        LoginThrottle.Limits limits = new LoginThrottle.Limits(5, 10, 1000);
        LoginThrottle first = new LoginThrottle(limits, Clock.systemUTC(), loginFailures);
        LoginThrottle second = new LoginThrottle(limits, Clock.systemUTC(), loginFailures);

        // 30 parallel guesses from one address, through both: 5 free and a sixth (which starts the block) reach
        // the password check, however they interleave; every other one is refused before it.
        String account = "raced-" + UUID.randomUUID() + "@example.com";
        assertEquals(6, checkedOf(first, second, i -> account, i -> "10.0.0.4"));
        assertTrue(UnitRulesTest.refusedFor(second, account, "10.0.0.4") > 20, "30 s after six failures");

        // 30 parallel guesses from 30 addresses: exactly the account's 10 reach the check.
        String spread = "spread-" + UUID.randomUUID() + "@example.com";
        assertEquals(10, checkedOf(first, second, i -> i % 2 == 0 ? spread : spread.toUpperCase(), i -> "10.1.0." + i));
        assertTrue(UnitRulesTest.refusedFor(first, spread, "10.1.0.99") > 0);
    }

    /** How many of 30 parallel failing attempts, half on each throttle, got as far as the credential check. */
    private static int checkedOf(LoginThrottle first, LoginThrottle second, IntFunction<String> account,
                                 IntFunction<String> address) throws Exception {
        AtomicInteger checked = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(8)) {
            var all = IntStream.range(0, 30).mapToObj(i -> pool.submit(() -> {
                try {
                    (i % 2 == 0 ? first : second).attempt(account.apply(i), address.apply(i), () -> {
                        checked.incrementAndGet();
                        return Optional.empty();
                    });
                } catch (OAuthException refused) {
                    assertEquals(429, refused.status().getCode());
                }
            })).toList();
            for (var f : all) {
                f.get();
            }
        }
        return checked.get();
    }

    @Test
    void signUpRefusesWeakPasswordsDuplicatesAndBadInputWithoutCreatingAnyone() {
        Account existing = signUp();
        List<Object> bodies = List.of(
                Map.of("email", "weak@example.com", "password", "short", "name", "W"),
                Map.of("email", "letters@example.com", "password", "onlyletters", "name", "W"),
                Map.of("email", "not-an-email", "password", PASSWORD, "name", "W"),
                Map.of("email", "noname@example.com", "password", PASSWORD),
                Map.of("email", "extra@example.com", "password", PASSWORD, "name", "W", "admin", true),
                Map.of("email", "long@example.com", "password", PASSWORD, "name", "x".repeat(129)));
        for (Object b : bodies) {
            HttpClientResponseException e = failure(HttpRequest.POST("/sign-up", b));
            assertEquals(400, e.getStatus().getCode(), b.toString());
            assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        }
        HttpClientResponseException duplicate = failure(HttpRequest.POST("/sign-up",
                Map.of("email", existing.email().toUpperCase(), "password", PASSWORD, "name", "Again")));
        assertEquals(409, duplicate.getStatus().getCode());
        for (String email : List.of("weak@example.com", "letters@example.com", "extra@example.com", "long@example.com")) {
            assertEquals(400, status(tokenRequest(form("grant_type", "password", "username", email, "password", PASSWORD))));
        }
    }
}
