package io.documind.system;

import io.documind.localstack.KafkaBroker;
import io.documind.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 12 part 4 over the packaged services: a machine-to-machine application added to organization A with an
 * organization role gets A's organization token (client_credentials with organization_id), writes and reads A's
 * documents as their author, is refused a token for B and sees nothing of B's documents, and once removed from A
 * its token is refused by document-service.
 */
class ApplicationOrganizationTokenSystemTest {

    private static final String CLIENT = "apps-m2m";
    private static final String SECRET = "apps-m2m-secret-0123456789";
    private static final String MEMBER_ROLE = "00000000-0000-4000-8000-000000000002";

    private static RunningService org;
    private static RunningService documents;

    @BeforeAll
    static void start() {
        KafkaBroker kafka = TestInfrastructure.kafka();
        org = RunningService.orgService(kafka, CLIENT, SECRET);
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
    void anAppReadsOrganizationAsDocumentsWithItsOrganizationTokenAndIsRefusedOnB() {
        String management = Accounts.managementToken(org, CLIENT, SECRET);
        String a = created(Http.post(org.baseUrl() + "/api/organizations", Map.of("name", "A"), Http.bearer(management)));
        String b = created(Http.post(org.baseUrl() + "/api/organizations", Map.of("name", "B"), Http.bearer(management)));
        Http.Response app = Http.post(org.baseUrl() + "/api/applications", Map.of("name", "Nightly job"),
                Http.bearer(management));
        String appId = created(app);
        String appSecret = app.json().path("secret").asText();
        String apps = org.baseUrl() + "/api/organizations/" + a + "/applications";
        assertEquals(201, Http.post(apps, Map.of("applicationIds", List.of(appId)), Http.bearer(management)).status());
        assertEquals(201, Http.post(apps + "/" + appId + "/roles", Map.of("organizationRoleIds", List.of(MEMBER_ROLE)),
                Http.bearer(management)).status());

        String tokenForA = appToken(appId, appSecret, a).json().path("access_token").asText();
        Http.Response document = Http.post(documents.baseUrl() + "/documents",
                Map.of("title", "Report", "content", "Written by a machine"), Http.bearer(tokenForA));
        assertEquals(201, document.status(), document.body());
        assertEquals(appId, document.json().path("authorId").asText());
        Http.Response listed = Http.get(documents.baseUrl() + "/documents", Http.bearer(tokenForA));
        assertEquals(200, listed.status(), listed.body());
        assertEquals(List.of(created(document)), listed.json().path("items").findValuesAsText("id"));

        Http.Response refused = appToken(appId, appSecret, b);
        assertEquals(403, refused.status(), refused.body());
        assertEquals("access_denied", refused.json().path("error").asText());
        Http.Response ofB = documentOf(b, management);
        assertEquals(404, Http.get(documents.baseUrl() + "/documents/" + created(ofB), Http.bearer(tokenForA)).status(),
                "B's document does not exist for A's token");

        assertEquals(204, Http.delete(apps + "/" + appId, Http.bearer(management)).status());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.get(documents.baseUrl() + "/documents", Http.bearer(tokenForA)).status() == 401);
        assertEquals(403, appToken(appId, appSecret, a).status(), "no longer an application of A");
    }

    /** A document in organization B, written by a user who is B's member. */
    private static Http.Response documentOf(String b, String management) {
        Accounts.Session user = Accounts.signUp(org, "b-" + UUID.randomUUID().toString().substring(0, 8)
                + "@example.com", "Member of B");
        String users = org.baseUrl() + "/api/organizations/" + b + "/users";
        assertEquals(201, Http.post(users, Map.of("userIds", List.of(user.userId)), Http.bearer(management)).status());
        assertEquals(201, Http.post(users + "/" + user.userId + "/roles", Map.of("organizationRoleIds",
                List.of(MEMBER_ROLE)), Http.bearer(management)).status());
        String token = Accounts.tryOrganizationToken(org, user, b);
        Http.Response document = Http.post(documents.baseUrl() + "/documents",
                Map.of("title", "B's plan", "content", "Only for B"), Http.bearer(token));
        assertEquals(201, document.status(), document.body());
        return document;
    }

    private static Http.Response appToken(String appId, String secret, String organizationId) {
        return Http.postForm(org.baseUrl() + "/oidc/token", Map.of("grant_type", "client_credentials",
                "client_id", appId, "client_secret", secret, "organization_id", organizationId));
    }

    private static String created(Http.Response response) {
        assertEquals(201, response.status(), response.body());
        return response.json().path("id").asText();
    }
}
