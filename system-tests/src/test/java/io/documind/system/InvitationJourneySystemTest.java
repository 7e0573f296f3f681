package io.documind.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.localstack.KafkaBroker;
import io.documind.localstack.MailServer;
import io.documind.localstack.QuickStartDemo;
import io.documind.localstack.testing.OpenApiDocuments;
import io.documind.localstack.testing.TestInfrastructure;
import io.documind.system.Accounts.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product's main journey over the four packaged services as separate processes, with real Kafka,
 * PostgreSQL and SMTP, driven only through public APIs: sign up, create an organization, become Admin, write a
 * document, invite by email, accept from the emailed link, work as a Member. Prints how long each event hop took.
 * The README's quick start ({@code ./dev demo}) walks the same journey here too, so a change that breaks it fails.
 */
class InvitationJourneySystemTest {

    private static final List<String> MEMBER_SCOPES =
            List.of("create:documents", "invite:member", "read:documents", "update:documents");

    private static KafkaBroker kafka;
    private static MailServer mail;
    private static RunningService org;
    private static RunningService documents;
    private static RunningService invitations;
    private static RunningService notifications;
    private static final Hops hops = new Hops();

    @BeforeAll
    static void start() {
        kafka = TestInfrastructure.kafka();
        mail = MailServer.start(0, 0); // with the REST API the quick start reads mail from, as on the local stack
        org = RunningService.orgService(kafka, "journey-m2m", "journey-secret-0123456789");
        documents = RunningService.trusting("document-service", org, kafka, Map.of());
        invitations = RunningService.trusting("invitation-service", org, kafka, Map.of());
        notifications = RunningService.notificationService(org, kafka, mail, Map.of());
    }

    @AfterAll
    static void stop() {
        for (RunningService s : new RunningService[]{notifications, invitations, documents, org}) {
            if (s != null) {
                s.close();
            }
        }
        if (mail != null) {
            mail.close();
        }
        hops.print("invitation journey");
    }

    @Test
    void aUserInvitesSomeoneByEmailWhoJoinsAsAMember() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String aliceEmail = "alice-" + tag + "@example.com";
        String bobEmail = "bob-" + tag + "@example.com";
        Session alice = signUp(aliceEmail, "Alice");

        Http.Response created = Http.post(org.baseUrl() + "/organizations", Map.of("name", "Acme " + tag),
                Http.bearer(alice.accessToken));
        assertEquals(201, created.status(), created.body());
        String organizationId = created.json().path("id").asText();
        String aliceOrgToken = timed("OrganizationCreated → creator is Admin (organization token)",
                () -> tryOrganizationToken(alice, organizationId), t -> t != null);
        timed("OrganizationCreated → welcome email to the creator", () -> mail.messagesFor(aliceEmail), m -> !m.isEmpty());

        Http.Response document = Http.post(documents.baseUrl() + "/documents",
                Map.of("title", "Plan", "content", "Take over the world"), Http.bearer(aliceOrgToken));
        assertEquals(201, document.status(), document.body());
        String documentId = document.json().path("id").asText();

        Http.Response invited = timed("OrganizationCreated → invitation-service knows the organization",
                () -> Http.post(invitations.baseUrl() + "/api/organization-invitations", Map.of(
                        "invitee", bobEmail, "organizationId", organizationId,
                        "organizationRoleNames", List.of("Member")), Http.bearer(aliceOrgToken)),
                r -> r.status() != 422 && r.status() != 404);
        assertEquals(201, invited.status(), invited.body());

        MimeMessage invitation = timed("InvitationMessageRequested → invitation email at SMTP",
                () -> mail.messagesFor(bobEmail), m -> !m.isEmpty()).get(0);
        InvitationMails.Link link = InvitationMails.link(invitation);
        String invitationId = link.invitationId();
        String secret = link.secret();

        Session bob = Accounts.signUpVerified(org, mail, bobEmail, "Bob"); // accepting needs a proved address
        Http.Response accepted = Http.post(invitations.baseUrl() + "/invitations/" + invitationId + "/accept",
                Map.of("token", secret), Http.bearer(bob.accessToken));
        // 200 only once the membership is in place (read-your-writes; 202 would mean it did not follow in time):
        // the first organization-token request succeeds, no polling.
        assertEquals(200, accepted.status(), accepted.body());
        String bobOrgToken = tryOrganizationToken(bob, organizationId);
        assertNotNull(bobOrgToken, "an invitee told 200 is a member at once");
        JsonNode claims = Http.JSON.readTree(Base64.getUrlDecoder().decode(bobOrgToken.split("\\.")[1]));
        assertEquals(MEMBER_SCOPES, Arrays.stream(claims.path("scope").asText().split(" ")).sorted().toList());
        assertEquals(200, Http.get(documents.baseUrl() + "/documents/" + documentId, Http.bearer(bobOrgToken)).status());
        assertEquals(403, Http.delete(documents.baseUrl() + "/documents/" + documentId, Http.bearer(bobOrgToken)).status());

        timed("InvitationAccepted → note to the inviter", () -> mail.messagesFor(aliceEmail), m -> m.size() >= 2);

        Session carol = signUp("carol-" + tag + "@example.com", "Carol");
        Http.Response refused = Http.postForm(org.baseUrl() + "/oidc/token", Map.of("grant_type", "refresh_token",
                "refresh_token", carol.refreshToken, "organization_id", organizationId));
        assertEquals(403, refused.status());
        assertEquals("access_denied", refused.json().path("error").asText());

        for (RunningService service : List.of(org, documents, invitations, notifications)) {
            String metrics = Http.get(service.baseUrl() + "/prometheus", Map.of()).body();
            for (String metric : List.of("documind_outbox_pending", "documind_outbox_oldest_pending_age_seconds",
                    "documind_consumer_lag", "documind_consumer_commit_seconds_count")) {
                assertTrue(metrics.contains(metric), metric + " on " + service.baseUrl());
            }
            if (service == org) { // applied this journey's OrganizationCreated, among others
                for (String metric : List.of("documind_consumer_delay_seconds_count{",
                        "documind_consumer_apply_seconds_bucket{")) {
                    assertTrue(metrics.lines().anyMatch(line -> line.startsWith(metric)
                            && line.contains("type=\"OrganizationCreated\"")), metric + " on " + service.baseUrl());
                }
            }
            // The packaged jar carries the generated OpenAPI document and Swagger UI, served without a token.
            OpenApiDocuments.assertPublished(URI.create(service.baseUrl()), service.module());
            // Its log is JSON lines (set up in code, JsonLogging), also after Micronaut applied logger.levels
            // (notification-service sets some, and Micronaut then builds logback's configuration again).
            List<String> log = service.logLines().stream().filter(line -> !line.isBlank())
                    .filter(line -> !line.startsWith("Picked up JAVA_TOOL_OPTIONS")) // the JVM's, on stderr
                    .toList();
            assertTrue(log.stream().anyMatch(line -> line.contains("\"formattedMessage\":\"Startup completed in")),
                    service.module() + " logged no start-up line:\n" + String.join("\n", log));
            assertTrue(log.stream().allMatch(line -> line.startsWith("{\"")), String.join("\n", log));
        }
    }

    @Test
    void theReadmeQuickStartWalksThrough() {
        QuickStartDemo.Outcome walked = new QuickStartDemo(new QuickStartDemo.Endpoints(org.baseUrl(),
                documents.baseUrl(), invitations.baseUrl(), mail.apiBaseUrl()), System.out).walk();

        assertEquals(MEMBER_SCOPES, walked.memberScopes());
    }

    private static Session signUp(String email, String name) {
        return Accounts.signUp(org, email, name);
    }

    private static String tryOrganizationToken(Session session, String organizationId) {
        return Accounts.tryOrganizationToken(org, session, organizationId);
    }

    private static <T> T timed(String hop, Supplier<T> probe, java.util.function.Predicate<T> done) {
        return hops.timed(hop, probe, done);
    }
}
