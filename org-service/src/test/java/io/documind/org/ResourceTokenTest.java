package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.documind.contracts.Topics;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens for registered API resources (RFC 8707 resource): audience, scopes from the caller's roles as they are
 * now, the resource's lifetime; each verified as a resource service would, with the JWKS alone.
 */
@MicronautTest(transactional = false)
class ResourceTokenTest extends OrgServiceTest {

    private static final String ISSUER = "http://org-service.test/oidc";

    private JsonNode call(MutableHttpRequest<?> request) {
        return json(http.toBlocking().retrieve(request.bearerAuth(managementToken())));
    }

    /** A change answered without a body (201 or 204). */
    private void send(MutableHttpRequest<?> request) {
        int status = status(request.bearerAuth(managementToken()));
        assertTrue(status == 201 || status == 204, request.getPath() + " answered " + status);
    }

    /** A resource with scopes; returns its indicator and the scope ids by name. */
    private record Api(String id, String indicator, Map<String, String> scopes) {
    }

    private Api api(int ttl, String... scopeNames) {
        String indicator = "https://api-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        String id = call(HttpRequest.POST("/api/resources", Map.of("name", "API", "indicator", indicator,
                "accessTokenTtl", ttl))).path("id").asText();
        Map<String, String> scopes = new java.util.LinkedHashMap<>();
        for (String name : scopeNames) {
            scopes.put(name, call(HttpRequest.POST("/api/resources/" + id + "/scopes", Map.of("name", name))).path("id").asText());
        }
        return new Api(id, indicator, scopes);
    }

    private String role(String type, List<String> scopeIds) {
        return call(HttpRequest.POST("/api/roles", Map.of("name", type + "-" + UUID.randomUUID(), "type", type,
                "scopeIds", scopeIds))).path("id").asText();
    }

    /** What the README tells a resource service to check: signature by the JWKS, typ, iss, aud, exp. */
    private JWTClaimsSet verified(String token, String audience) throws Exception {
        JWKSet jwks = JWKSet.parse(http.toBlocking().retrieve("/oidc/jwks"));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "exp", "iat", "jti", "scope")));
        return processor.process(token, null);
    }

    private static List<String> scopes(JWTClaimsSet claims) throws Exception {
        String scope = claims.getStringClaim("scope");
        return scope.isEmpty() ? List.of() : Arrays.stream(scope.split(" ")).sorted().toList();
    }

    private JsonNode refresh(Account account, String... pairs) {
        Map<String, String> f = form("grant_type", "refresh_token", "refresh_token", latestRefresh(account));
        f.putAll(form(pairs));
        JsonNode response = tokenResponse(f);
        rememberRefresh(account, response.path("refresh_token").asText());
        return response;
    }

    private String oauthError(Map<String, String> form) {
        HttpClientResponseException e = failure(tokenRequest(form));
        assertEquals(400, e.getStatus().getCode(), body(e));
        return json(body(e)).path("error").asText();
    }

    @Test
    void aUserTokenForAnApiCarriesTheScopesOfItsGlobalRolesOnThatApiOnly() throws Exception {
        Api reports = api(600, "read:reports", "write:reports");
        Api billing = api(3600, "read:invoices");
        String readerRole = role("User", List.of(reports.scopes().get("read:reports"), reports.scopes().get("write:reports"),
                billing.scopes().get("read:invoices")));
        Account user = signUp();
        send(HttpRequest.POST("/api/users/" + user.id() + "/roles", Map.of("roleIds", List.of(readerRole))));

        String email = user.email();
        JsonNode signIn = tokenResponse(form("grant_type", "password", "username", email, "password", PASSWORD,
                "resource", reports.indicator()));
        JWTClaimsSet claims = verified(signIn.path("access_token").asText(), reports.indicator());
        assertEquals(List.of(reports.indicator()), claims.getAudience());
        assertEquals(user.id(), claims.getSubject());
        assertEquals(List.of("read:reports", "write:reports"), scopes(claims), "never another API's scope");
        assertEquals(600, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        assertEquals(600, signIn.path("expires_in").asLong());
        assertEquals("documind-app", claims.getStringClaim("client_id"));
        assertTrue(claims.getLongClaim("authority_version") >= 0);
        assertNull(claims.getClaim("organization_id"));
        Account signedIn = new Account(user.id(), email, null, signIn.path("refresh_token").asText());

        JWTClaimsSet asked = verified(refresh(signedIn, "resource", reports.indicator(),
                "scope", "read:reports read:invoices unknown").path("access_token").asText(), reports.indicator());
        assertEquals(List.of("read:reports"), scopes(asked));
        JWTClaimsSet other = verified(refresh(signedIn, "resource", billing.indicator()).path("access_token").asText(),
                billing.indicator());
        assertEquals(List.of("read:invoices"), scopes(other));
        assertEquals(3600, (other.getExpirationTime().getTime() - other.getIssueTime().getTime()) / 1000);

        // The role's scopes now, not when the sign-in began.
        send(HttpRequest.DELETE("/api/roles/" + readerRole + "/scopes/" + reports.scopes().get("write:reports")));
        assertEquals(List.of("read:reports"), scopes(verified(refresh(signedIn, "resource", reports.indicator())
                .path("access_token").asText(), reports.indicator())));
        send(HttpRequest.PUT("/api/users/" + user.id() + "/roles", Map.of("roleIds", List.of())));
        assertEquals(List.of(), scopes(verified(refresh(signedIn, "resource", reports.indicator())
                .path("access_token").asText(), reports.indicator())));
        // The global role change did not end the sign-in: a plain user token still comes.
        assertEquals(List.of("urn:documind:api"), verified(refresh(signedIn).path("access_token").asText(),
                "urn:documind:api").getAudience());

        // An unknown API is refused and does not spend the refresh token.
        String before = latestRefresh(signedIn);
        assertEquals("invalid_target", oauthError(form("grant_type", "refresh_token", "refresh_token", before,
                "resource", "https://unknown.example")));
        assertEquals("invalid_target", oauthError(form("grant_type", "password", "username", email, "password", PASSWORD,
                "resource", "urn:documind:management")));
        assertEquals(200, status(tokenRequest(form("grant_type", "refresh_token", "refresh_token", before))));
    }

    @Test
    void anOrganizationTokenForAnApiCarriesTheMembersOrganizationRoleScopesAndFollowsTemplateChanges() throws Exception {
        Api docs = api(900, "search:docs", "export:docs");
        Api elsewhere = api(900, "search:docs");
        String analyst = call(HttpRequest.POST("/api/organization-roles", Map.of("name", "Analyst-" + UUID.randomUUID())))
                .path("id").asText();
        send(HttpRequest.POST("/api/organization-roles/" + analyst + "/resource-scopes", Map.of("scopeIds",
                List.of(docs.scopes().get("search:docs"), docs.scopes().get("export:docs"),
                        elsewhere.scopes().get("search:docs")))));

        Account a = signUp();
        String orgA = createOrganization(a, "Org A");
        send(HttpRequest.POST("/api/organizations/" + orgA + "/users/" + a.id() + "/roles",
                Map.of("organizationRoleIds", List.of(analyst))));
        Account b = signUp();
        String orgB = createOrganization(b, "Org B"); // b is Admin of B, whose roles carry none of the API's scopes

        JsonNode response = refresh(a, "organization_id", orgA, "resource", docs.indicator());
        JWTClaimsSet claims = verified(response.path("access_token").asText(), docs.indicator());
        assertEquals(orgA, claims.getStringClaim("organization_id"));
        assertEquals(List.of("export:docs", "search:docs"), scopes(claims));
        assertTrue(claims.getLongClaim("authority_version") >= 0);
        assertTrue(claims.getLongClaim("organization_authority_version") >= 0);
        assertEquals(900, response.path("expires_in").asLong());
        assertEquals(List.of("search:docs"), scopes(verified(refresh(a, "organization_id", orgA, "resource",
                docs.indicator(), "scope", "search:docs other").path("access_token").asText(), docs.indicator())));

        // Organization B's member gets nothing of A, and nothing B's roles do not carry.
        HttpClientResponseException denied = failure(tokenRequest(form("grant_type", "refresh_token",
                "refresh_token", latestRefresh(b), "organization_id", orgA, "resource", docs.indicator())));
        assertEquals(403, denied.getStatus().getCode());
        assertEquals("access_denied", json(body(denied)).path("error").asText());
        assertEquals(List.of(), scopes(verified(refresh(b, "organization_id", orgB, "resource", docs.indicator())
                .path("access_token").asText(), docs.indicator())));

        // The template changes, the next token follows, and the holder is announced (older tokens refused).
        long version = claims.getLongClaim("organization_authority_version");
        send(HttpRequest.PUT("/api/organization-roles/" + analyst + "/resource-scopes",
                Map.of("scopeIds", List.of(docs.scopes().get("search:docs")))));
        JWTClaimsSet after = verified(refresh(a, "organization_id", orgA, "resource", docs.indicator())
                .path("access_token").asText(), docs.indicator());
        assertEquals(List.of("search:docs"), scopes(after));
        assertTrue(after.getLongClaim("organization_authority_version") > version);

        assertEquals("invalid_target", oauthError(form("grant_type", "refresh_token", "refresh_token", latestRefresh(a),
                "organization_id", orgA, "resource", "urn:documind:api")));
    }

    @Test
    void aRoleCarryingApiScopesIsGrantedOnlyByAMemberWhoseOwnRolesCarryThem() {
        // The organization token lists organization scopes only; the API scopes come with the roles. An Admin holds
        // every organization scope, but no role of hers carries the billing API's scope yet.
        Api billing = api(900, "write:invoices");
        String scopeId = billing.scopes().get("write:invoices");
        String billerName = "Biller-" + UUID.randomUUID().toString().substring(0, 8);
        String biller = call(HttpRequest.POST("/api/organization-roles", Map.of("name", billerName))).path("id").asText();
        send(HttpRequest.POST("/api/organization-roles/" + biller + "/resource-scopes",
                Map.of("scopeIds", List.of(scopeId))));

        Account admin = signUp();
        String org = createOrganization(admin, "Billing");
        Account clerk = signUp();
        send(HttpRequest.POST("/api/organizations/" + org + "/users", Map.of("userIds", List.of(clerk.id()))));
        MutableHttpRequest<?> makeBiller = HttpRequest.PUT("/organizations/" + org + "/members/" + clerk.id() + "/roles",
                Map.of("organizationRoleNames", List.of(billerName)));

        HttpClientResponseException refused = failure(makeBiller.bearerAuth(organizationToken(admin, org)));
        assertEquals(403, refused.getStatus().getCode());
        assertTrue(body(refused).contains("API resource scope"), body(refused));
        assertEquals(List.of(), call(HttpRequest.GET("/api/organizations/" + org + "/users/" + clerk.id() + "/roles"))
                .findValuesAsText("id"), "nothing granted");

        // Once a role of hers carries it, she may grant it.
        send(HttpRequest.POST("/api/organizations/" + org + "/users/" + admin.id() + "/roles",
                Map.of("organizationRoleIds", List.of(biller))));
        assertEquals(200, status(HttpRequest.PUT("/organizations/" + org + "/members/" + clerk.id() + "/roles",
                Map.of("organizationRoleNames", List.of(billerName))).bearerAuth(organizationToken(admin, org))));

        // The template event carries the role's resource scopes, for invitation-service's copy of the same rule.
        await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(Topics.PLATFORM_KEY).stream()
                .filter(e -> e.path("type").asText().equals("OrganizationTemplateChanged"))
                .flatMap(e -> java.util.stream.StreamSupport.stream(e.path("data").path("roles").spliterator(), false))
                .anyMatch(r -> r.path("name").asText().equals(billerName)
                        && r.path("resourceScopes").toString().equals("[\"" + scopeId + "\"]")));
    }

    @Test
    void anAppTokenForAnApiCarriesTheScopesOfItsMachineToMachineRoles() throws Exception {
        Api jobs = api(300, "run:jobs", "read:jobs");
        Api other = api(300, "run:jobs");
        String botRole = role("MachineToMachine", List.of(jobs.scopes().get("run:jobs"), other.scopes().get("run:jobs")));
        JsonNode app = call(HttpRequest.POST("/api/applications", Map.of("name", "Job runner")));
        String appId = app.path("id").asText();
        String secret = app.path("secret").asText();
        send(HttpRequest.POST("/api/applications/" + appId + "/roles", Map.of("roleIds", List.of(botRole))));

        JsonNode response = tokenResponse(form("grant_type", "client_credentials", "client_id", appId,
                "client_secret", secret, "resource", jobs.indicator()));
        JWTClaimsSet claims = verified(response.path("access_token").asText(), jobs.indicator());
        assertEquals(appId, claims.getSubject());
        assertEquals(appId, claims.getStringClaim("client_id"));
        assertEquals(List.of("run:jobs"), scopes(claims));
        assertEquals(300, response.path("expires_in").asLong());
        assertFalse(response.has("refresh_token"));
        assertEquals(List.of(), scopes(verified(tokenResponse(form("grant_type", "client_credentials", "client_id", appId,
                "client_secret", secret, "resource", jobs.indicator(), "scope", "read:jobs")).path("access_token").asText(),
                jobs.indicator())));

        // An app given an API's roles was not given the Management API.
        assertEquals("unauthorized_client", oauthError(form("grant_type", "client_credentials", "client_id", appId,
                "client_secret", secret, "resource", "urn:documind:management")));
        for (String target : List.of("https://unknown.example", "urn:documind:api")) {
            assertEquals("invalid_target", oauthError(form("grant_type", "client_credentials", "client_id", appId,
                    "client_secret", secret, "resource", target)));
        }
    }
}
