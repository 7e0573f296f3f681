package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.documind.contracts.Topics;
import io.documind.contracts.events.EmailCodeRequested;
import io.documind.kit.crypto.SealedBox;
import io.documind.localstack.LinkKeys;
import io.documind.contracts.schema.EventSchemaValidator;
import io.documind.localstack.testing.ServiceTestProperties;
import io.documind.localstack.testing.TestInfrastructure;
import io.documind.localstack.testing.TopicReader;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.text.ParseException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Base of org-service's integration tests: the service on a fresh database and the shared Kafka, driven over
 * real HTTP with real tokens from its own token endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrgServiceTest implements TestPropertyProvider {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String MANAGEMENT_CLIENT = "test-management";
    static final String MANAGEMENT_SECRET = "test-management-secret-0123456789";
    static final String PASSWORD = "correct horse 42";
    static final List<String> ADMIN_SCOPES = List.of("delete:documents", "delete:member", "delete:organization",
            "invite:member", "manage:member", "manage:organization", "read:documents", "update:documents",
            "create:documents").stream().sorted().toList();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ServiceTestProperties.forService("org-service"));
        p.put("documind.security.issuer", "http://org-service.test/oidc");
        p.put("documind.management.client-id", MANAGEMENT_CLIENT);
        p.put("documind.management.client-secret", MANAGEMENT_SECRET);
        // The client's 10 s default failed cold first requests (Argon2 hashing, JIT) on a loaded shared machine.
        p.put("micronaut.http.client.read-timeout", "60s");
        // Tests sign up and create organizations from 127.0.0.1 many times: traffic, not abuse (AbuseLimitsTest).
        p.put("documind.limits.sign-ups-per-client-address", "100000");
        p.put("documind.limits.organizations-per-client-address", "100000");
        p.put("documind.limits.organizations-per-user", "100000");
        p.put("documind.limits.code-checks-per-client-address", "100000");
        p.put("documind.limits.code-checks-per-jit-domain", "100000");
        return p;
    }

    /** A signed-up user with a user token and a refresh token. */
    record Account(String id, String email, String accessToken, String refreshToken) {
    }

    Account signUp() {
        return signUp("u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
    }

    Account signUp(String email) {
        JsonNode user = json(http.toBlocking().retrieve(HttpRequest.POST("/sign-up",
                Map.of("email", email, "password", PASSWORD, "name", "User " + email))));
        JsonNode tokens = tokenResponse(form("grant_type", "password", "username", email, "password", PASSWORD));
        return new Account(user.path("id").asText(), email, tokens.path("access_token").asText(),
                tokens.path("refresh_token").asText());
    }

    JsonNode tokenResponse(Map<String, String> form) {
        return json(http.toBlocking().retrieve(tokenRequest(form)));
    }

    /** The refresh grant's answer for this refresh token (a user token and the next refresh token). */
    JsonNode refresh(String refreshToken) {
        return tokenResponse(form("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /** The RFC 6749 error a refresh with this token must get. */
    String refreshError(String refreshToken) {
        return json(body(failure(tokenRequest(form("grant_type", "refresh_token", "refresh_token", refreshToken)))))
                .path("error").asText();
    }

    MutableHttpRequest<String> tokenRequest(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.POST("/oidc/token", body).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
    }

    /** An organization token for the account (its refresh token is rotated; the account keeps working). */
    String organizationToken(Account account, String organizationId, String... scopes) {
        Map<String, String> form = form("grant_type", "refresh_token", "refresh_token", latestRefresh(account),
                "organization_id", organizationId);
        if (scopes.length > 0) {
            form.put("scope", String.join(" ", scopes));
        }
        JsonNode response = tokenResponse(form);
        rememberRefresh(account, response.path("refresh_token").asText());
        return response.path("access_token").asText();
    }

    /** The account's refresh token rotated to this one; {@link #latestRefresh} answers it from now on. */
    void rememberRefresh(Account account, String refreshToken) {
        refreshTokens.put(account.id(), refreshToken);
    }

    private final Map<String, String> refreshTokens = new HashMap<>();

    String latestRefresh(Account account) {
        return refreshTokens.getOrDefault(account.id(), account.refreshToken());
    }

    String managementToken() {
        return tokenResponse(form("grant_type", "client_credentials", "client_id", MANAGEMENT_CLIENT,
                "client_secret", MANAGEMENT_SECRET)).path("access_token").asText();
    }

    /** A Management API read: GET {@code path} with a management token. */
    JsonNode managementRead(String path) {
        return json(http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(managementToken())));
    }

    /**
     * Holds the user's emailed code of this purpose in a transaction of its own, then sends {@code first} and
     * {@code second}, each once the one before waits on a lock ({@link LockRace}); what each answered.
     */
    List<Integer> raceOnTheCode(TransactionOperations<Connection> transactions, String userId, String purpose,
                                MutableHttpRequest<?> first, MutableHttpRequest<?> second) throws Exception {
        LockRace.Outcome<List<String>, List<Integer>> race = LockRace.runInTurn(transactions,
                c -> Statements.strings(c, "SELECT id FROM email_code WHERE user_id = ? AND purpose = ? FOR UPDATE",
                        userId, purpose),
                List.of(() -> status(first), () -> status(second)));
        assertEquals(1, race.held().size(), "the code was there to hold");
        return race.raced();
    }

    /** The id of what a Management API POST to {@code path} created. */
    String created(String path, Map<String, ?> body, String management) {
        return json(http.toBlocking().retrieve(HttpRequest.POST(path, body).bearerAuth(management))).path("id").asText();
    }

    /** Creates an organization as the account and waits until the creator is its Admin (through the event). */
    String createOrganization(Account account, String name) {
        String id = json(http.toBlocking().retrieve(HttpRequest.POST("/organizations", Map.of("name", name))
                .bearerAuth(account.accessToken()))).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> myOrganizations(account).contains(id));
        return id;
    }

    /** Adds a member with a role through the Management API. */
    void addMember(String org, Account account, String role) {
        String management = managementToken();
        assertEquals(201, status(HttpRequest.POST("/api/organizations/" + org + "/users",
                Map.of("userIds", List.of(account.id()))).bearerAuth(management)));
        assertEquals(201, status(HttpRequest.POST("/api/organizations/" + org + "/users/" + account.id() + "/roles",
                Map.of("organizationRoleNames", List.of(role))).bearerAuth(management)));
    }

    List<String> myOrganizations(Account account) {
        JsonNode list = json(http.toBlocking().retrieve(HttpRequest.GET("/me/organizations").bearerAuth(account.accessToken())));
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(o -> o.path("id").asText()).toList();
    }

    /**
     * The same method and body at another path: a sent request keeps the headers it was given, so comparing two
     * paths (or tokens) needs a fresh request for each.
     */
    static MutableHttpRequest<?> sameRequestAt(MutableHttpRequest<?> request, String path) {
        return switch (request.getMethodName()) {
            case "POST" -> HttpRequest.POST(path, request.getBody().orElseThrow());
            case "PUT" -> HttpRequest.PUT(path, request.getBody().orElseThrow());
            case "PATCH" -> HttpRequest.PATCH(path, request.getBody().orElseThrow());
            case "DELETE" -> HttpRequest.DELETE(path);
            case "GET" -> HttpRequest.GET(path);
            default -> throw new IllegalArgumentException(request.getMethodName());
        };
    }

    int status(MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, String.class).code();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    HttpClientResponseException failure(MutableHttpRequest<?> request) {
        try {
            HttpResponse<String> r = http.toBlocking().exchange(request, String.class);
            throw new AssertionError("expected a failure, got " + r.code() + " " + r.body());
        } catch (HttpClientResponseException e) {
            return e;
        }
    }

    static String body(HttpClientResponseException e) {
        return e.getResponse().getBody(String.class).orElse("");
    }

    static Map<String, String> form(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(byte[] b) {
        try {
            return JSON.readTree(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Events on org.events.v1 keyed by the organization, each checked against its schema. */
    static List<JsonNode> eventsOf(String organizationId) {
        return events(organizationId).toList();
    }

    /** Events of no organization (the platform key) about one user or application, each checked likewise. */
    static List<JsonNode> platformEventsAbout(String subject) {
        return events(Topics.PLATFORM_KEY).filter(e -> subject.equals(e.path("subject").asText())).toList();
    }

    private static java.util.stream.Stream<JsonNode> events(String key) {
        EventSchemaValidator schemas = new EventSchemaValidator();
        List<ConsumerRecord<String, byte[]>> records =
                TopicReader.readAll(TestInfrastructure.kafka().bootstrapServers(), Topics.ORG_EVENTS).stream()
                        .filter(r -> key.equals(r.key())).toList();
        for (ConsumerRecord<String, byte[]> r : records) {
            assertEquals(List.of(), schemas.validate(r.topic(), new String(r.value(), StandardCharsets.UTF_8)));
        }
        return records.stream().map(r -> json(r.value()));
    }

    /**
     * Waits until the token is refused on {@code path} (401 asking for a new token: its authority shrank) and returns
     * that refusal.
     */
    HttpClientResponseException awaitTokenRefused(String path, String token) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status(HttpRequest.GET(path).bearerAuth(token)) == 401);
        HttpClientResponseException refused = failure(HttpRequest.GET(path).bearerAuth(token));
        assertTrue(body(refused).contains("new token"), body(refused));
        return refused;
    }

    static JWTClaimsSet claimsOf(String token) throws ParseException {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    /**
     * The secret ({@code sealedCode} or {@code sealedLink}) of the newest EmailCodeRequested of that usage type
     * about the user, opened as notification-service opens it; waits until one is on Kafka past {@code after} of them.
     */
    static String emailed(String userId, String usageType, String field, int after) {
        List<JsonNode> requests = await().atMost(Duration.ofSeconds(30)).until(() -> platformEventsAbout(userId).stream()
                .filter(e -> e.path("type").asText().equals("EmailCodeRequested"))
                .filter(e -> e.path("data").path("usageType").asText().equals(usageType)).toList(), r -> r.size() > after);
        try {
            return SealedBox.open(SealedBox.privateKey(LinkKeys.forThisRun().privateKey(), "test key"),
                    requests.getLast().path("data").path(field).asText(),
                    EmailCodeRequested.associatedData(userId, usageType));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }
}
