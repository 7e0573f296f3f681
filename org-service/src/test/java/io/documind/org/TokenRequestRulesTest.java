package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No silent fallbacks (issue 12 part 5): what a grant does not support is refused in RFC 6749/8707's terms. */
@MicronautTest(transactional = false)
class TokenRequestRulesTest extends OrgServiceTest {

    private MutableHttpRequest<String> raw(String body) {
        return HttpRequest.POST("/oidc/token", body).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
    }

    private String error(MutableHttpRequest<String> request) {
        HttpClientResponseException e = failure(request);
        assertEquals(400, e.getStatus().getCode(), body(e));
        return json(body(e)).path("error").asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aParameterOfAnotherGrantIsRefused() {
        Account user = signUp();
        String password = "grant_type=password&username=" + enc(user.email()) + "&password=" + enc(PASSWORD);
        String clientCredentials = "grant_type=client_credentials&client_id=" + MANAGEMENT_CLIENT + "&client_secret="
                + MANAGEMENT_SECRET;
        String refresh = "grant_type=refresh_token&refresh_token=" + enc(user.refreshToken());
        for (String body : List.of(password + "&organization_id=00000000-0000-4000-8000-000000000000",
                password + "&refresh_token=x", password + "&client_secret=x",
                clientCredentials + "&refresh_token=x", clientCredentials + "&username=x",
                refresh + "&username=x", refresh + "&password=x", refresh + "&client_secret=x")) {
            assertEquals("invalid_request", error(raw(body)), body);
        }
        // An empty audience selector is refused rather than read as absent: absent, client_credentials would answer
        // with a management token, far more than an organization's token asked for.
        for (String body : List.of(clientCredentials + "&organization_id=", clientCredentials + "&resource=",
                refresh + "&organization_id=", password + "&resource=")) {
            assertEquals("invalid_request", error(raw(body)), body);
        }
        // None of them spent the refresh token; unknown parameter names and other empty values are ignored
        // (RFC 6749 §3.1, §3.2).
        assertEquals(200, status(raw(refresh + "&prompt=consent&scope=")));
        assertEquals(200, status(raw(password + "&ui_locales=en&scope=")));
    }

    @Test
    void aParameterGivenTwiceIsRefusedAndASecondResourceIsInvalidTarget() {
        Account user = signUp();
        String password = "grant_type=password&username=" + enc(user.email()) + "&password=" + enc(PASSWORD);
        for (String body : List.of(password + "&grant_type=password", password + "&scope=openid&scope=email",
                password + "&username=" + enc(user.email()),
                "grant_type=client_credentials&client_id=" + MANAGEMENT_CLIENT + "&client_id=" + MANAGEMENT_CLIENT
                        + "&client_secret=" + MANAGEMENT_SECRET)) {
            assertEquals("invalid_request", error(raw(body)), body);
        }
        assertEquals("invalid_target", error(raw(password + "&resource=urn%3Adocumind%3Aapi&resource=urn%3Adocumind%3Aapi")));
        assertEquals("invalid_target", error(raw("grant_type=refresh_token&refresh_token=" + enc(user.refreshToken())
                + "&resource=https%3A%2F%2Fa.example&resource=https%3A%2F%2Fb.example")));
    }

    /** RFC 6749 §2.3: one client authentication method per request; Basic's client_id may only be repeated. */
    @Test
    void basicClientAuthenticationWithASecondMethodIsRefused() {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((MANAGEMENT_CLIENT + ":"
                + MANAGEMENT_SECRET).getBytes(StandardCharsets.UTF_8));
        String grant = "grant_type=client_credentials";
        for (String body : List.of(grant + "&client_secret=" + MANAGEMENT_SECRET,
                grant + "&client_secret=wrong", grant + "&client_id=someone-else")) {
            assertEquals("invalid_request", error(raw(body).header("Authorization", basic)), body);
        }
        assertEquals(200, status(raw(grant).header("Authorization", basic)));
        assertEquals(200, status(raw(grant + "&client_id=" + MANAGEMENT_CLIENT).header("Authorization", basic)));
    }

    /** The public client's grants check no secret, so one sent by HTTP Basic is refused as one in the form is. */
    @Test
    void basicCredentialsOnAGrantOfThePublicClientAreRefused() {
        Account user = signUp();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("documind-app:anything"
                .getBytes(StandardCharsets.UTF_8));
        String password = "grant_type=password&username=" + enc(user.email()) + "&password=" + enc(PASSWORD);
        String refresh = "grant_type=refresh_token&refresh_token=" + enc(user.refreshToken());
        for (String body : List.of(password, refresh)) {
            assertEquals("invalid_request", error(raw(body).header("Authorization", basic)), body);
        }
        String publicBasic = "Basic " + java.util.Base64.getEncoder().encodeToString("documind-app:"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(200, status(raw(password).header("Authorization", publicBasic)),
                "a public client named by Basic with an empty secret, as some libraries send it");
        assertEquals(200, status(raw(refresh)), "the refused request did not spend the refresh token");
    }

    @Test
    void scopesOutsideAGrantsFixedSetAreInvalidScope() throws Exception {
        Account user = signUp();
        assertEquals("invalid_scope", error(tokenRequest(form("grant_type", "client_credentials", "client_id",
                MANAGEMENT_CLIENT, "client_secret", MANAGEMENT_SECRET, "scope", "all read:documents"))));
        assertEquals("invalid_scope", error(tokenRequest(form("grant_type", "password", "username", user.email(),
                "password", PASSWORD, "scope", "openid admin"))));
        JsonNode narrow = tokenResponse(form("grant_type", "password", "username", user.email(), "password", PASSWORD,
                "scope", "openid email"));
        // A refresh may narrow the sign-in's scopes (RFC 6749 §6), never widen them.
        assertEquals("invalid_scope", error(tokenRequest(form("grant_type", "refresh_token", "refresh_token",
                narrow.path("refresh_token").asText(), "scope", "openid profile"))));
        JsonNode narrower = tokenResponse(form("grant_type", "refresh_token", "refresh_token",
                narrow.path("refresh_token").asText(), "scope", "email"));
        assertEquals("email", SignedJWT.parse(narrower.path("access_token").asText()).getJWTClaimsSet().getStringClaim("scope"));

        // RFC 6749 §3.3: scopes are separated by spaces; other white space or characters outside a scope token are
        // refused before anything is spent, not split on or passed through.
        String refresh = narrower.path("refresh_token").asText();
        for (String malformed : List.of("openid\temail", "openid\nemail", "email\r", "\"email\"", "e\\mail",
                "em\u00e9il")) {
            HttpClientResponseException refused = failure(tokenRequest(form("grant_type", "refresh_token",
                    "refresh_token", refresh, "scope", malformed)));
            assertEquals(400, refused.getStatus().getCode(), malformed);
            assertEquals("invalid_scope", json(body(refused)).path("error").asText(), malformed);
            assertTrue(body(refused).contains("separated by spaces"), body(refused));
        }
        assertEquals("invalid_scope", error(tokenRequest(form("grant_type", "client_credentials", "client_id",
                MANAGEMENT_CLIENT, "client_secret", MANAGEMENT_SECRET, "scope", "all\t"))));
        // Many scopes are one pass over the text (a repeated group recursed per scope and overflowed the stack);
        // beyond 4,096 characters the scope is refused before anything else.
        assertEquals("all", tokenResponse(form("grant_type", "client_credentials", "client_id", MANAGEMENT_CLIENT,
                "client_secret", MANAGEMENT_SECRET, "scope", "all ".repeat(1000))).path("scope").asText());
        assertEquals("invalid_scope", error(tokenRequest(form("grant_type", "client_credentials", "client_id",
                MANAGEMENT_CLIENT, "client_secret", MANAGEMENT_SECRET, "scope", "all ".repeat(1100)))));
        assertTrue(refresh(refresh).hasNonNull("access_token"), "the refused requests left the refresh token unspent");
    }

    @Test
    void aRefreshTokenServesOnlyTheClientItWasIssuedTo() {
        Account user = signUp();
        assertEquals("invalid_grant", error(tokenRequest(form("grant_type", "refresh_token", "refresh_token",
                user.refreshToken(), "client_id", "another-app"))));
        assertEquals(200, status(tokenRequest(form("grant_type", "refresh_token", "refresh_token", user.refreshToken(),
                "client_id", "documind-app"))));
    }

    @Test
    void clientCredentialsWithAnOrganizationNeverGiveAManagementToken() {
        HttpClientResponseException e = failure(tokenRequest(form("grant_type", "client_credentials", "client_id",
                MANAGEMENT_CLIENT, "client_secret", MANAGEMENT_SECRET,
                "organization_id", "00000000-0000-4000-8000-000000000000")));
        assertTrue(e.getStatus().getCode() >= 400 && e.getStatus().getCode() < 500);
        assertTrue(!body(e).contains("access_token"));
    }

    @Test
    void discoveryListsWhatEachGrantTakes() {
        JsonNode config = json(http.toBlocking().retrieve("/oidc/.well-known/openid-configuration"));
        assertEquals(List.of("password", "refresh_token", "client_credentials"),
                List.of(JSON.convertValue(config.path("grant_types_supported"), String[].class)));
        JsonNode parameters = config.path("grant_parameters_supported");
        assertTrue(parameters.path("refresh_token").toString().contains("organization_id"));
        assertTrue(parameters.path("client_credentials").toString().contains("organization_id"));
        assertTrue(!parameters.path("password").toString().contains("organization_id"));
        assertTrue(config.path("resource_indicators_supported").asBoolean());
    }
}
