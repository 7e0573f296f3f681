package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.contracts.EmailAddress;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Input org-service cannot hold is a 4xx problem on every route, never a 500 (issue 11 part 5). */
@MicronautTest(transactional = false)
class OrgBadInputTest extends OrgServiceTest {

    @Inject
    io.micronaut.runtime.server.EmbeddedServer embeddedServer;

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void unstorableTextIsA400NamingTheFieldOnEveryKindOfInput() {
        Account account = signUp();
        String management = managementToken();
        Map<MutableHttpRequest<?>, String> cases = new LinkedHashMap<>();
        cases.put(HttpRequest.POST("/sign-up", Map.of("email", "n" + UUID.randomUUID().toString().substring(0, 8)
                + "@example.com", "password", PASSWORD, "name", "a\u0000b")), "name");
        cases.put(HttpRequest.POST("/organizations", Map.of("name", "Acme\u0000")).bearerAuth(account.accessToken()), "name");
        cases.put(HttpRequest.POST("/api/organizations", Map.of("name", "Acme", "description", "x\uD800"))
                .bearerAuth(management), "description");
        cases.put(HttpRequest.POST("/api/users", Map.of("primaryEmail", "a\u0000@example.com")).bearerAuth(management),
                "primaryEmail");
        cases.put(HttpRequest.POST("/api/organization-scopes", Map.of("name", "read:\u0000")).bearerAuth(management), "name");
        cases.put(HttpRequest.GET("/api/organizations?q=a%00b").bearerAuth(management), "q");
        cases.put(HttpRequest.GET("/api/users?q=%00").bearerAuth(management), "q");
        cases.forEach((request, field) -> {
            HttpClientResponseException e = failure(request);
            assertEquals(400, e.getStatus().getCode(), request.getPath() + " " + body(e));
            assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
            assertEquals(field, json(body(e)).path("errors").path(0).path("field").asText(), body(e));
        });
    }

    /**
     * A name that shows as nothing (a no-break or zero-width space) was stored, and so was one with a control
     * character inside (BEL, ESC) or a line break; one with such a space inside is fine.
     */
    @Test
    void aNameOfOnlyInvisibleCharactersIsA400() {
        Account account = signUp();
        String management = managementToken();
        String id = json(http.toBlocking().retrieve(HttpRequest.POST("/api/organizations", Map.of("name", "a\u00a0b"))
                .bearerAuth(management))).path("id").asText();
        Map<MutableHttpRequest<?>, String> cases = new LinkedHashMap<>();
        for (String invisible : List.of("\u00a0", "\u200b", " \u2007\ufeff ", "Bell\u0007", "\u001b[31mRed",
                "Two\u2028lines", "Tab\tinside")) {
            cases.put(HttpRequest.POST("/api/organizations", Map.of("name", invisible)).bearerAuth(management), "name");
            cases.put(HttpRequest.PATCH("/api/organizations/" + id, Map.of("name", invisible)).bearerAuth(management),
                    "name");
            cases.put(HttpRequest.POST("/organizations", Map.of("name", invisible)).bearerAuth(account.accessToken()),
                    "name");
            cases.put(HttpRequest.POST("/api/organization-roles", Map.of("name", invisible)).bearerAuth(management),
                    "name");
        }
        cases.forEach((request, field) -> {
            HttpClientResponseException e = failure(request);
            assertEquals(400, e.getStatus().getCode(), request.getPath() + " " + body(e));
            assertTrue(json(body(e)).path("errors").path(0).path("field").asText().endsWith(field), body(e));
        });
        assertEquals("a\u00a0b", json(http.toBlocking().retrieve(HttpRequest.GET("/api/organizations/" + id)
                .bearerAuth(management))).path("name").asText());
    }

    /** Cursors decoding to a time or an id PostgreSQL refuses are malformed cursors, not 500s. */
    @Test
    void aCursorTheDatabaseWouldRefuseIsA400() {
        Account account = signUp();
        String org = createOrganization(account, "Cursors");
        String orgToken = organizationToken(account, org);
        for (String cursor : List.of("LTMwMDAwMDAwMDAwMDAwMDAwMDp4", // -300000000000000000:x, before 4713 BC
                "OTk5OTk5OTk5OTk5OTk5OTk5Ojp4")) { // 999999999999999999::x, after 9999
            HttpClientResponseException e = failure(HttpRequest.GET("/organizations/" + org + "/members?cursor="
                    + cursor).bearerAuth(orgToken));
            assertEquals(400, e.getStatus().getCode(), body(e));
            assertEquals("cursor", json(body(e)).path("errors").path(0).path("field").asText(), body(e));
        }
        for (String cursor : List.of("LTMwMDAwMDAwMDAwMDAwMDAwMDowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA",
                "MDoxLTEtMS0xLTE")) { // 0:1-1-1-1-1, which UUID.fromString takes and PostgreSQL does not
            HttpClientResponseException e = failure(HttpRequest.GET("/me/organizations?cursor=" + cursor)
                    .bearerAuth(account.accessToken()));
            assertEquals(400, e.getStatus().getCode(), body(e));
        }
    }

    /**
     * Input that every check passed but an event schema would refuse made the change's event a dead letter: an
     * organization whose creator never became Admin. Such input is refused, or stored in the schemas' form.
     */
    @Test
    void inputItsEventsSchemasWouldRefuseIsRefusedOrNormalized() throws Exception {
        String management = managementToken();
        // A quoted local part, and parts of Unicode spaces only, which storing (strip()) would empty.
        for (String email : List.of("\"john doe\"@example.com", "\"a@b\"@example.com", "a@\u2003",
                "\u2003@example.com")) {
            HttpClientResponseException e = failure(HttpRequest.POST("/sign-up",
                    Map.of("email", email, "password", PASSWORD, "name", "Quoted")));
            assertEquals(400, e.getStatus().getCode(), email + " " + body(e));
            assertEquals(400, status(HttpRequest.POST("/api/users", Map.of("primaryEmail", email))
                    .bearerAuth(management)), email);
        }
        // Mail to a local part outside ASCII needs SMTPUTF8, which is not used: its verification email could never
        // go. An internationalized domain is mailed in its ASCII form, so it is taken.
        HttpClientResponseException unmailable = failure(HttpRequest.POST("/sign-up",
                Map.of("email", "j\u00fcrgen-" + UUID.randomUUID() + "@example.com", "password", PASSWORD,
                        "name", "J")));
        assertEquals(400, unmailable.getStatus().getCode(), body(unmailable));
        assertTrue(body(unmailable).contains("ASCII before the @"), body(unmailable));
        assertEquals(400, status(HttpRequest.POST("/api/users", Map.of("primaryEmail", "j\u00fcrgen@example.com",
                "name", "J")).bearerAuth(management)));
        // Java's IDNA2003 maps faß to fass, another domain: its codes would be mailed to whoever owns that one.
        HttpClientResponseException elsewhere = failure(HttpRequest.POST("/sign-up",
                Map.of("email", "ceo-" + UUID.randomUUID() + "@fa\u00df.example", "password", PASSWORD, "name", "C")));
        assertEquals(400, elsewhere.getStatus().getCode(), body(elsewhere));
        assertTrue(body(elsewhere).contains("ASCII form"), body(elsewhere));
        assertEquals("email", json(body(elsewhere)).path("errors").path(0).path("field").asText(), body(elsewhere));
        assertEquals(400, status(HttpRequest.POST("/api/users", Map.of("primaryEmail", "ceo@exa\u200bmple.com",
                "name", "C")).bearerAuth(management)));
        // One mailbox, one spelling: the domain is stored in ASCII, so the other spelling is the same account.
        String local = "juergen-" + UUID.randomUUID();
        Account idn = signUp(local + "@b\u00fccher.example");
        assertEquals(local + "@xn--bcher-kva.example", managementRead("/api/users/" + idn.id()).path("primaryEmail")
                .asText());
        HttpClientResponseException taken = failure(HttpRequest.POST("/sign-up", Map.of("email",
                local + "@XN--BCHER-KVA.example", "password", PASSWORD, "name", "J")));
        assertEquals(409, taken.getStatus().getCode(), body(taken));
        assertEquals(409, status(HttpRequest.POST("/api/users", Map.of("primaryEmail", local + "@xn--bcher-kva.example",
                "name", "J")).bearerAuth(management)));
        for (String spelling : List.of(local + "@B\u00fcCHER.example", local + "@xn--bcher-kva.example")) {
            JsonNode signedIn = tokenResponse(form("grant_type", "password", "username", spelling,
                    "password", PASSWORD));
            assertEquals(idn.id(), claimsOf(signedIn.path("access_token").asText()).getSubject(), spelling);
        }
        Account account = signUp();
        JsonNode created = json(http.toBlocking().retrieve(HttpRequest.POST("/organizations", Map.of("name", "Logo",
                "branding", Map.of("logoUrl", "HTTPS://cdn.example.com/l.png"))).bearerAuth(account.accessToken())));
        assertEquals("https://cdn.example.com/l.png", created.path("branding").path("logoUrl").asText());
        String org = created.path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> myOrganizations(account).contains(org));

        // customData its event could not be written with (Jackson writes at most 1,000 levels; the event wraps it in
        // two more), or anything deeper than a settings document needs.
        for (int depth : List.of(40, 997)) {
            String deep = "{\"name\":\"Deep\",\"customData\":{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}}";
            HttpClientResponseException tooDeep = failure(HttpRequest.POST("/api/organizations", deep)
                    .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(management));
            assertEquals(400, tooDeep.getStatus().getCode(), depth + ": " + body(tooDeep));
            assertEquals("customData", json(body(tooDeep)).path("errors").path(0).path("field").asText(),
                    body(tooDeep));
        }
    }

    /**
     * An account stored before addresses were stored in one spelling kept its domain's letters: either spelling
     * still signs in to it, and neither can sign up beside it.
     */
    @Test
    void anAccountStoredWithItsDomainsLettersIsFoundByEitherSpelling() throws Exception {
        String domain = "b\u00fccher-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String letters = "old@" + domain;
        String ascii = EmailAddress.asciiForm(letters).orElseThrow();
        Account old = signUp("old-" + UUID.randomUUID() + "@example.com");
        transactions.executeWrite(s -> Statements.update(s.getConnection(),
                "UPDATE app_user SET email = ? WHERE id = ?", letters, old.id()));

        for (String spelling : List.of(letters, ascii, ascii.toUpperCase(java.util.Locale.ROOT))) {
            JsonNode signedIn = tokenResponse(form("grant_type", "password", "username", spelling,
                    "password", PASSWORD));
            assertEquals(old.id(), claimsOf(signedIn.path("access_token").asText()).getSubject(), spelling);
            HttpClientResponseException taken = failure(HttpRequest.POST("/sign-up", Map.of("email", spelling,
                    "password", PASSWORD, "name", "Twin")));
            assertEquals(409, taken.getStatus().getCode(), spelling + ": " + body(taken));
        }
    }

    /** DESIGN §4: the token endpoint's errors are RFC 6749's, the kit's refusal of a NUL included. */
    @Test
    void unstorableTextOnTheTokenEndpointIsAnRfc6749InvalidRequest() {
        Account account = signUp();
        Map<MutableHttpRequest<?>, String> cases = new LinkedHashMap<>();
        cases.put(tokenRequest(form("grant_type", "password", "username", account.email() + "\u0000",
                "password", PASSWORD)), "username");
        cases.put(tokenRequest(form("grant_type", "client_credentials", "client_id", MANAGEMENT_CLIENT + "\u0000",
                "client_secret", MANAGEMENT_SECRET)), "client_id");
        cases.put(HttpRequest.POST("/oidc/token/revocation", "token=a%00b")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), "token");
        cases.put(HttpRequest.POST("/oidc/token?grant_type=%00", "grant_type=password")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), "grant_type");
        cases.forEach((request, field) -> {
            HttpClientResponseException e = failure(request);
            assertEquals(400, e.getStatus().getCode(), request.getPath() + " " + body(e));
            assertEquals("application/json", e.getResponse().getContentType().orElseThrow().toString(), body(e));
            JsonNode error = json(body(e));
            assertEquals("invalid_request", error.path("error").asText(), body(e));
            assertTrue(error.path("error_description").asText().startsWith(field + " must not contain"), body(e));
            assertEquals(2, error.size(), body(e));
            assertEquals("no-store", e.getResponse().getHeaders().get("Cache-Control"), body(e));
        });
    }

    /**
     * Bodies Netty cannot decode answered 500, a revocation naming "token" twice answered 200 and revoked neither,
     * and an empty form answered a problem document (black-box probe): each is an RFC 6749 invalid_request, and the
     * token named twice still refreshes.
     */
    @Test
    void undecodableFormsAndATokenNamedTwiceAreRfc6749InvalidRequests() {
        Account account = signUp();
        List<MutableHttpRequest<?>> requests = List.of(
                HttpRequest.POST("/oidc/token", "garbage!").header("Content-Encoding", "deflate")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE),
                HttpRequest.POST("/oidc/token", "grant_type=password&username=%ZZ")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE),
                HttpRequest.POST("/oidc/token/revocation", "token=%ZZ")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE),
                HttpRequest.POST("/oidc/token/revocation", "token=" + account.refreshToken() + "&token=other")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE),
                HttpRequest.POST("/oidc/token", "").contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE),
                HttpRequest.POST("/oidc/token/revocation", "").contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
        for (MutableHttpRequest<?> request : requests) {
            HttpClientResponseException e = failure(request);
            assertEquals(400, e.getStatus().getCode(), request.getPath() + " " + body(e));
            assertEquals("invalid_request", json(body(e)).path("error").asText(), body(e));
        }
        assertTrue(refresh(account.refreshToken()).path("access_token").isTextual(), "the sign-in was not revoked");
    }

    /**
     * What the framework or the kit refuses before the token endpoint reads its form (a method other than POST, a
     * body type it does not take, a body without a Content-Type, an encoding nothing decoded) keeps its status but is
     * an RFC 6749 invalid_request, as the endpoint's other errors: it was a problem document. Other paths keep
     * problem+json.
     */
    @Test
    void refusalsBeforeTheTokenEndpointReadsItsFormAreRfc6749Errors() throws Exception {
        java.net.URI token = embeddedServer.getURI().resolve("/oidc/token");
        Map<java.net.http.HttpRequest, Integer> cases = new LinkedHashMap<>();
        cases.put(java.net.http.HttpRequest.newBuilder(token).GET().build(), 405);
        cases.put(java.net.http.HttpRequest.newBuilder(token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"password\"}")).build(), 415);
        cases.put(java.net.http.HttpRequest.newBuilder(token)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=password")).build(), 415);
        cases.put(java.net.http.HttpRequest.newBuilder(token.resolve("/oidc/token/revocation"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Content-Encoding", "br")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token=x")).build(), 415);
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            for (Map.Entry<java.net.http.HttpRequest, Integer> c : cases.entrySet()) {
                java.net.http.HttpResponse<String> response = client.send(c.getKey(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(c.getValue(), response.statusCode(), c.getKey() + " " + response.body());
                assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow(),
                        c.getKey() + " " + response.body());
                JsonNode error = json(response.body());
                assertEquals("invalid_request", error.path("error").asText(), response.body());
                assertTrue(error.path("error_description").isTextual(), response.body());
            }
            java.net.http.HttpResponse<String> jwks = client.send(java.net.http.HttpRequest.newBuilder(
                    token.resolve("/oidc/jwks")).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(405, jwks.statusCode(), jwks.body());
            assertEquals("application/problem+json", jwks.headers().firstValue("Content-Type").orElseThrow());
        }
    }

    /**
     * Client ids and usernames no client or account can have: a NUL in Basic credentials (headers escape the body
     * checks), ids and usernames too long for the login throttle's key. Each is an RFC 6749 error, never a 500.
     */
    @Test
    void impossibleClientIdsAndUsernamesAreRfc6749ErrorsNotServerErrors() {
        String nul = java.util.Base64.getEncoder().encodeToString("x\u0000y:secret".getBytes(StandardCharsets.UTF_8));
        String encodedNul = java.util.Base64.getEncoder().encodeToString("x%00y:secret".getBytes(StandardCharsets.UTF_8));
        String longId = "c".repeat(3000);
        Map<MutableHttpRequest<?>, String> cases = new LinkedHashMap<>();
        cases.put(tokenRequest(form("grant_type", "client_credentials")).header("Authorization", "Basic " + nul),
                "invalid_client");
        cases.put(tokenRequest(form("grant_type", "client_credentials")).header("Authorization", "Basic " + encodedNul),
                "invalid_client");
        cases.put(tokenRequest(form("grant_type", "client_credentials", "client_id", longId, "client_secret", "s")),
                "invalid_client");
        cases.put(tokenRequest(form("grant_type", "password", "username", "u".repeat(3000) + "@example.com",
                "password", PASSWORD)), "invalid_request");
        cases.forEach((request, error) -> {
            HttpClientResponseException e = failure(request);
            assertEquals(error.equals("invalid_client") ? 401 : 400, e.getStatus().getCode(), body(e));
            assertEquals(error, json(body(e)).path("error").asText(), body(e));
        });
    }

    /**
     * customData numbers are JSON's doubles (as Logto's): they come back as the same double, or, beyond a double's
     * range, are refused. Such a number read as infinity and came back as the string "Infinity".
     */
    @Test
    void customDataNumbersRoundTripOrAreRefused() {
        String management = managementToken();
        for (String number : List.of("1e400", "-1e400", "12345678901234567890123", "0.1000000000000000055511151231257827",
                "1.5", "-7")) {
            String body = "{\"name\":\"Numbers\",\"customData\":{\"n\":" + number + "}}";
            MutableHttpRequest<String> create = HttpRequest.POST("/api/organizations", body)
                    .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(management);
            if (number.contains("e400")) {
                HttpClientResponseException e = failure(create);
                assertEquals(400, e.getStatus().getCode(), number + " " + body(e));
                assertEquals("customData", json(body(e)).path("errors").path(0).path("field").asText(), body(e));
                continue;
            }
            HttpResponse<String> r = http.toBlocking().exchange(create, String.class);
            JsonNode stored = json(http.toBlocking().retrieve(HttpRequest.GET("/api/organizations/"
                    + json(r.body()).path("id").asText()).bearerAuth(management))).path("customData").path("n");
            assertTrue(stored.isNumber(), number + " came back as " + stored);
            assertEquals(Double.parseDouble(number), stored.doubleValue(), number + " came back as " + stored);
        }
    }

    /** A members cursor whose id holds a NUL, which PostgreSQL refuses as text. */
    @Test
    void aMembersCursorWithANulIdIsA400() {
        Account account = signUp();
        String org = createOrganization(account, "Nul cursor");
        String cursor = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("0:\u0000".getBytes(StandardCharsets.UTF_8));
        HttpClientResponseException e = failure(HttpRequest.GET("/organizations/" + org + "/members?cursor=" + cursor)
                .bearerAuth(organizationToken(account, org)));
        assertEquals(400, e.getStatus().getCode(), body(e));
        assertEquals("cursor", json(body(e)).path("errors").path(0).path("field").asText(), body(e));
    }

    /** Serde would read "perhaps", "false", [false] or 0 as false and lift the suspension; the kit refuses them. */
    @Test
    void aValueOfAnotherKindIsA400AndChangesNothing() {
        Account account = signUp();
        String management = managementToken();
        String suspension = "/api/users/" + account.id() + "/is-suspended";
        assertEquals(200, status(HttpRequest.PATCH(suspension, Map.of("isSuspended", true)).bearerAuth(management)));
        for (Object notABoolean : List.of("perhaps", "false", List.of(false), 0, Map.of())) {
            HttpClientResponseException e = failure(HttpRequest.PATCH(suspension, Map.of("isSuspended", notABoolean))
                    .bearerAuth(management));
            assertEquals(400, e.getStatus().getCode(), notABoolean + " " + body(e));
            assertEquals("isSuspended", json(body(e)).path("errors").path(0).path("field").asText(), body(e));
        }
        assertTrue(json(http.toBlocking().retrieve(HttpRequest.GET("/api/users/" + account.id())
                .bearerAuth(management))).path("isSuspended").asBoolean(), "still suspended");
        assertEquals("invalid_grant", json(body(failure(tokenRequest(form("grant_type", "password",
                "username", account.email(), "password", PASSWORD))))).path("error").asText());

        Map<MutableHttpRequest<?>, String> cases = new LinkedHashMap<>();
        cases.put(HttpRequest.POST("/api/organizations", Map.of("name", 42)).bearerAuth(management), "name");
        cases.put(HttpRequest.POST("/api/users", Map.of("primaryEmail", List.of("a@example.com"), "name", "A"))
                .bearerAuth(management), "primaryEmail");
        cases.put(HttpRequest.POST("/api/organization-roles", Map.of("name", "R", "organizationScopeIds", List.of(7)))
                .bearerAuth(management), "organizationScopeIds[0]");
        cases.forEach((request, field) -> {
            HttpClientResponseException e = failure(request);
            assertEquals(400, e.getStatus().getCode(), request.getPath() + " " + body(e));
            assertEquals(field, json(body(e)).path("errors").path(0).path("field").asText(), body(e));
        });
    }

    @Test
    void repeatedScopesAreHarmless() {
        assertEquals("all", tokenResponse(form("grant_type", "client_credentials", "client_id", MANAGEMENT_CLIENT,
                "client_secret", MANAGEMENT_SECRET, "scope", "all all")).path("scope").asText());
        Account account = signUp();
        assertEquals(200, status(tokenRequest(form("grant_type", "password", "username", account.email(),
                "password", PASSWORD, "scope", "openid email openid"))));
    }

    @Test
    void concurrentSignUpsWithOneEmailGiveOneAccountAndConflictsNeverA500() throws Exception {
        String email = "race-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        List<Integer> statuses;
        try (var pool = Executors.newFixedThreadPool(6)) {
            List<Future<Integer>> signUps = IntStream.range(0, 6).mapToObj(i -> pool.submit(() -> status(
                    HttpRequest.POST("/sign-up", Map.of("email", i % 2 == 0 ? email : email.toUpperCase(),
                            "password", PASSWORD, "name", "Racer " + i))))).toList();
            statuses = new java.util.ArrayList<>();
            for (Future<Integer> f : signUps) {
                statuses.add(f.get());
            }
        }
        assertEquals(Map.of(201, 1L, 409, 5L),
                statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())), statuses.toString());
    }
}
