package io.documind.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.contracts.events.Actor;
import io.documind.contracts.security.Scopes;
import io.documind.localstack.testing.OpenApiDocuments;
import io.documind.localstack.testing.TestIssuer;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Management API of notification-service over real HTTP with real tokens: templates and the delivery log. */
@MicronautTest(transactional = false)
class NotificationApiTest extends NotificationIntegration {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVITATION = "/api/email-templates/OrganizationInvitation";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    private final TestIssuer issuer = TestIssuer.shared();
    private String management;

    @Override
    Map<String, String> settings() {
        return issuer.properties();
    }

    @BeforeAll
    void signIn() {
        management = issuer.managementToken("api-test");
    }

    @Test
    void theOpenApiDocumentIsPublicAndDescribesTheContract() {
        Map<String, Object> document = OpenApiDocuments.assertPublished(server.getURI(), "notification-service",
                "/api/email-templates/{usageType}", "/api/notifications");
        OpenApiDocuments.assertOperationIdsAreNamed(document);
        assertEquals("replaceEmailTemplate", OpenApiDocuments.at(document, "paths", "/api/email-templates/{usageType}",
                "put", "operationId"));
        OpenApiDocuments.assertSuccessStatus(document, "PUT", "/api/email-templates/{usageType}", 200);
        OpenApiDocuments.assertSuccessStatus(document, "GET", "/api/notifications", 200);
        OpenApiDocuments.assertProblems(document, "GET", "/api/email-templates/{usageType}", 404);
        OpenApiDocuments.assertProblems(document, "PUT", "/api/email-templates/{usageType}", 400, 404);
        OpenApiDocuments.assertProblems(document, "GET", "/api/notifications", 400);
    }

    @Test
    void everyUsageTypeHasASeededTemplate() {
        for (String usageType : List.of("OrganizationInvitation", "OrganizationWelcome", "InvitationAccepted", "InvitationNotGranted")) {
            JsonNode template = json(http.toBlocking().retrieve(as(management, HttpRequest.GET("/api/email-templates/" + usageType))));
            assertEquals(usageType, template.path("usageType").asText());
            assertEquals("text/html", template.path("type").asText());
            assertFalse(template.path("subject").asText().isBlank());
            assertTrue(template.path("placeholders").isArray());
        }
        JsonNode invitation = json(http.toBlocking().retrieve(as(management, HttpRequest.GET(INVITATION))));
        assertTrue(invitation.path("content").asText().contains("{{link}}"));
    }

    @Test
    void aTemplateIsReplacedAndTheNextEmailUsesIt() {
        JsonNode original = json(http.toBlocking().retrieve(as(management, HttpRequest.GET(INVITATION))));
        try {
            HttpResponse<String> put = http.toBlocking().exchange(as(management, HttpRequest.PUT(INVITATION, Map.of(
                    "subject", "{{inviterName}} wants you in {{organizationName}}",
                    "content", "<p>Hi {{invitee}}, <a href=\"{{link}}\">join {{organizationName}}</a> by {{expiresAt}}.</p>",
                    "type", "text/html"))), String.class);
            assertEquals(200, put.code());
            JsonNode stored = json(http.toBlocking().retrieve(as(management, HttpRequest.GET(INVITATION))));
            assertEquals("{{inviterName}} wants you in {{organizationName}}", stored.path("subject").asText());

            String invitee = address("api-invitee");
            String inviter = address("api-inviter");
            events.publish(invitation(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    "Acme & Sons", invitee, "https://app.example/i/9?token=abc", new Actor("user-9", inviter)));
            ReceivedMail email = awaitOnlyMailTo(invitee);
            assertEquals(inviter + " wants you in Acme & Sons", email.subject());
            assertTrue(email.html().startsWith("<p>Hi " + invitee + ", <a href=\"https://app.example/i/9?token=abc\">join Acme &amp; Sons</a> by "),
                    email.html());
        } finally {
            http.toBlocking().exchange(as(management, HttpRequest.PUT(INVITATION, Map.of(
                    "subject", original.path("subject").asText(), "content", original.path("content").asText(),
                    "type", original.path("type").asText()))), String.class);
        }
    }

    @Test
    void badTemplatesAreRefusedWithAProblemNamingTheFieldAndChangeNothing() {
        String before = http.toBlocking().retrieve(as(management, HttpRequest.GET(INVITATION)));
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("subject", Map.of("subject", " ", "content", "<a href=\"{{link}}\">x</a>"));
        cases.put("content", Map.of("subject", "Hi", "content", "<p>{{organizationName}} without the link</p>"));
        cases.put("content ", Map.of("subject", "Hi", "content", "<a href=\"{{link}}\">{{organisationName}}</a>"));
        cases.put("subject ", Map.of("subject", "Your secret {{link}}", "content", "<a href=\"{{link}}\">x</a>"));
        cases.put("type", Map.of("subject", "Hi", "content", "<a href=\"{{link}}\">x</a>", "type", "application/pdf"));
        cases.put("content  ", Map.of("subject", "Hi"));
        for (Map.Entry<String, Map<String, Object>> c : cases.entrySet()) {
            HttpClientResponseException e = refused(() -> http.toBlocking().exchange(
                    as(management, HttpRequest.PUT(INVITATION, c.getValue())), String.class));
            assertEquals(400, e.getStatus().getCode(), c.getValue().toString());
            assertProblem(e);
            assertEquals(c.getKey().strip(), problem(e).path("errors").get(0).path("field").asText(), c.getValue().toString());
        }
        HttpClientResponseException malformed = refused(() -> http.toBlocking().exchange(
                as(management, HttpRequest.PUT(INVITATION, "{\"subject\":").contentType(MediaType.APPLICATION_JSON_TYPE)), String.class));
        assertEquals(400, malformed.getStatus().getCode());
        assertProblem(malformed);
        assertEquals(before, http.toBlocking().retrieve(as(management, HttpRequest.GET(INVITATION))), "nothing was changed");
    }

    /** The kit's one check (StorableTextFilter) and strict body reading, on this service's routes. */
    @Test
    void unstorableTextAndUnknownFieldsAreFourHundredProblemsAndChangeNothing() {
        String before = http.toBlocking().retrieve(as(management, HttpRequest.GET(INVITATION)));
        String link = "<a href=\"{{link}}\">x</a>";
        Map<MutableHttpRequest<?>, String> cases = new LinkedHashMap<>();
        cases.put(HttpRequest.PUT(INVITATION, Map.of("subject", "Hi\u0000", "content", link)), "subject");
        cases.put(HttpRequest.PUT(INVITATION, Map.of("subject", "Hi", "content", link + "\uDC00")), "content");
        cases.put(HttpRequest.PUT(INVITATION, Map.of("subject", "Hi", "content", link, "sender", "x")), null);
        cases.put(HttpRequest.PUT("/api/email-templates/Organization%00Invitation", Map.of("subject", "Hi",
                "content", link)), "path");
        cases.put(HttpRequest.GET("/api/notifications?organizationId=a%00b"), "organizationId");
        for (Map.Entry<MutableHttpRequest<?>, String> c : cases.entrySet()) {
            HttpClientResponseException e = refused(() -> http.toBlocking().exchange(as(management, c.getKey()), String.class));
            assertEquals(400, e.getStatus().getCode(), c.getKey().getPath());
            assertProblem(e);
            if (c.getValue() != null) {
                assertEquals(c.getValue(), problem(e).path("errors").get(0).path("field").asText());
            }
        }
        assertEquals(before, http.toBlocking().retrieve(as(management, HttpRequest.GET(INVITATION))), "nothing was changed");
    }

    @Test
    void anUnknownUsageTypeIsNotFound() {
        HttpClientResponseException get = refused(() -> http.toBlocking().exchange(
                as(management, HttpRequest.GET("/api/email-templates/PasswordReset")), String.class));
        assertEquals(404, get.getStatus().getCode());
        assertProblem(get);
        HttpClientResponseException put = refused(() -> http.toBlocking().exchange(as(management,
                HttpRequest.PUT("/api/email-templates/PasswordReset", Map.of("subject", "Hi", "content", "Hi"))), String.class));
        assertEquals(404, put.getStatus().getCode());
        assertProblem(put);
    }

    @Test
    void theDeliveryLogFiltersByOrganizationAndStatus_andNeverShowsTheSecret() {
        String organizationA = UUID.randomUUID().toString();
        String organizationB = UUID.randomUUID().toString();
        String secret = "secret-" + UUID.randomUUID();
        UUID sentToA = events.publish(invitation(organizationA, UUID.randomUUID().toString(), "A",
                address("a1"), "https://app.example/i?token=" + secret, null));
        UUID failedInA = events.publish(invitation(organizationA, UUID.randomUUID().toString(), "A",
                "no..good-" + UUID.randomUUID() + "@example.com", "https://app.example/i?token=" + secret, null));
        UUID sentToB = events.publish(invitation(organizationB, UUID.randomUUID().toString(), "B",
                address("b1"), "https://app.example/i?token=x", null));
        for (UUID id : List.of(sentToA, failedInA, sentToB)) {
            await().atMost(WAIT).until(() -> log.forEvent(id).stream().anyMatch(r -> !r.status().equals("Pending")));
        }

        HttpResponse<String> ofA = list("?organizationId=" + organizationA);
        assertEquals("2", ofA.header("Total-Number"));
        JsonNode entriesOfA = json(ofA.body());
        assertEquals(Set.of(sentToA.toString(), failedInA.toString()), triggeringEvents(entriesOfA));
        entriesOfA.forEach(e -> assertEquals(organizationA, e.path("organizationId").asText()));
        assertFalse(ofA.body().contains(secret), "the link's secret is not in the log");
        assertTrue(ofA.body().contains("https://app.example/i?token=REDACTED"), ofA.body());

        JsonNode failed = json(list("?organizationId=" + organizationA + "&status=Failed").body());
        assertEquals(Set.of(failedInA.toString()), triggeringEvents(failed));
        assertTrue(failed.get(0).path("lastError").asText().contains("recipient"));
        assertEquals(Set.of(sentToB.toString()), triggeringEvents(json(list("?organizationId=" + organizationB).body())),
                "another organization's mail is not in the filtered log");

        HttpResponse<String> firstPage = list("?organizationId=" + organizationA + "&page_size=1");
        HttpResponse<String> secondPage = list("?organizationId=" + organizationA + "&page_size=1&page=2");
        assertEquals("2", firstPage.header("Total-Number"));
        assertEquals(1, json(firstPage.body()).size());
        assertEquals(Set.of(sentToA.toString(), failedInA.toString()),
                union(triggeringEvents(json(firstPage.body())), triggeringEvents(json(secondPage.body()))));
        assertEquals(0, json(list("?organizationId=" + UUID.randomUUID()).body()).size());
    }

    @Test
    void badLogQueriesAreProblems() {
        for (String query : List.of("?page_size=101", "?page_size=0", "?page=0", "?page=x", "?status=Delivered",
                "?organizationId=" + "x".repeat(65))) {
            HttpClientResponseException e = refused(() -> http.toBlocking().exchange(
                    as(management, HttpRequest.GET("/api/notifications" + query)), String.class));
            assertEquals(400, e.getStatus().getCode(), query);
            assertProblem(e);
        }
    }

    @Test
    void onlyAManagementTokenOpensTheseApis() {
        String organizationId = UUID.randomUUID().toString();
        String admin = issuer.organizationToken("user-1", organizationId, Scopes.ALL_ORGANIZATION_SCOPES.toArray(String[]::new));
        String refusedSubject = "Refused " + UUID.randomUUID();
        String templateBefore = http.toBlocking().retrieve(as(management, HttpRequest.GET(INVITATION)));
        // Suppliers: a request object collects headers, so each call gets a fresh one.
        List<Supplier<MutableHttpRequest<?>>> requests = List.of(
                () -> HttpRequest.GET(INVITATION),
                () -> HttpRequest.PUT(INVITATION, Map.of("subject", refusedSubject, "content", "{{link}}")),
                () -> HttpRequest.GET("/api/notifications?organizationId=" + organizationId));
        for (Supplier<MutableHttpRequest<?>> request : requests) {
            String path = request.get().getPath();
            HttpClientResponseException anonymous = refused(() -> http.toBlocking().exchange(request.get(), String.class));
            assertEquals(401, anonymous.getStatus().getCode(), path);
            assertEquals("Bearer", anonymous.getResponse().header("WWW-Authenticate"));
            assertProblem(anonymous);
            // An organization's own admin may not read even its own organization's log: the log is operator data.
            for (String token : List.of(admin, issuer.userToken("user-1"), issuer.token().management().scopes("all").expired().sign(),
                    issuer.token().management().scopes("all").signWithUnpublishedKey())) {
                HttpClientResponseException e = refused(() -> http.toBlocking().exchange(as(token, request.get()), String.class));
                assertEquals(401, e.getStatus().getCode(), path);
                assertTrue(e.getResponse().header("WWW-Authenticate").contains("invalid_token"), path);
                assertProblem(e);
            }
            HttpClientResponseException narrow = refused(() -> http.toBlocking().exchange(
                    as(issuer.token().management().scopes("read").sign(), request.get()), String.class));
            assertEquals(403, narrow.getStatus().getCode(), path);
            assertTrue(narrow.getResponse().header("WWW-Authenticate").contains("insufficient_scope"));
            assertProblem(narrow);
        }
        assertEquals(200, http.toBlocking().exchange(as(management, requests.getFirst().get()), String.class).code(),
                "and the same request with a management token passes");
        String templateAfter = http.toBlocking().retrieve(as(management, HttpRequest.GET(INVITATION)));
        assertEquals(templateBefore, templateAfter, "no refused PUT changed the template");
        assertFalse(templateAfter.contains(refusedSubject));
    }

    private HttpResponse<String> list(String query) {
        return http.toBlocking().exchange(as(management, HttpRequest.GET("/api/notifications" + query)), String.class);
    }

    private static Set<String> triggeringEvents(JsonNode entries) {
        return StreamSupport.stream(entries.spliterator(), false)
                .map(e -> e.path("triggeringEventId").asText()).collect(java.util.stream.Collectors.toSet());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static <T> MutableHttpRequest<T> as(String token, MutableHttpRequest<T> request) {
        return request.bearerAuth(token);
    }

    private static HttpClientResponseException refused(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(HttpClientResponseException.class, call);
    }

    private static void assertProblem(HttpClientResponseException e) {
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
    }

    private static JsonNode problem(HttpClientResponseException e) {
        return json(e.getResponse().getBody(Argument.STRING).orElseThrow());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
