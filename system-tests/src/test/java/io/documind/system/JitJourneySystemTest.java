package io.documind.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.localstack.KafkaBroker;
import io.documind.localstack.MailServer;
import io.documind.localstack.testing.TestInfrastructure;
import io.documind.system.Accounts.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13's journey over the packaged services as separate processes, with real Kafka, PostgreSQL and SMTP:
 * an organization auto-joins an email domain; a user who signs up there reads the code from the email at the SMTP
 * server, verifies, and holds an organization token without any invitation; another who signs up there and does not
 * verify is no member. Prints how long each event hop took.
 */
class JitJourneySystemTest {

    private static final String CLIENT = "jit-m2m";
    private static final String SECRET = "jit-secret-0123456789";

    private static KafkaBroker kafka;
    private static MailServer mail;
    private static RunningService org;
    private static RunningService notifications;
    private static final Hops hops = new Hops();

    @BeforeAll
    static void start() {
        kafka = TestInfrastructure.kafka();
        mail = TestInfrastructure.mail();
        org = RunningService.orgService(kafka, CLIENT, SECRET);
        notifications = RunningService.notificationService(org, kafka, mail, Map.of());
    }

    @AfterAll
    static void stop() {
        for (RunningService s : new RunningService[]{notifications, org}) {
            if (s != null) {
                s.close();
            }
        }
        hops.print("JIT journey");
    }

    @Test
    void aVerifiedAddressAtAJitDomainJoinsWithoutAnInvitationAnUnverifiedOneDoesNot() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String domain = "jit-" + tag + ".example";
        Session admin = Accounts.signUp(org, "admin-" + tag + "@example.com", "Admin");
        Http.Response created = Http.post(org.baseUrl() + "/organizations", Map.of("name", "Acme " + tag),
                Http.bearer(admin.accessToken));
        assertEquals(201, created.status(), created.body());
        String organizationId = created.json().path("id").asText();

        Map<String, String> management = Http.bearer(Accounts.managementToken(org, CLIENT, SECRET));
        String jit = org.baseUrl() + "/api/organizations/" + organizationId + "/jit";
        assertEquals(201, Http.post(jit + "/email-domains", Map.of("emailDomain", domain), management).status());
        String memberRole = null;
        for (JsonNode role : Http.get(org.baseUrl() + "/api/organization-roles", management).json()) {
            if (role.path("name").asText().equals("Member")) {
                memberRole = role.path("id").asText();
            }
        }
        assertEquals(201, Http.post(jit + "/roles", Map.of("organizationRoleIds", List.of(memberRole)), management)
                .status());

        String adaEmail = "ada@" + domain;
        Session ada = Accounts.signUp(org, adaEmail, "Ada");
        MimeMessage email = timed("sign-up → verification email at SMTP (EmailCodeRequested)",
                () -> registerMail(adaEmail), m -> m != null);
        String code = InvitationMails.verificationCode(email);
        Http.Response verified = Http.post(org.baseUrl() + "/me/email-verification", Map.of("code", code),
                Http.bearer(ada.accessToken));
        assertEquals(200, verified.status(), verified.body());

        String adaOrgToken = timed("UserEmailVerified → JIT member (organization token)",
                () -> Accounts.tryOrganizationToken(org, ada, organizationId), t -> t != null);
        JsonNode claims = Http.JSON.readTree(Base64.getUrlDecoder().decode(adaOrgToken.split("\\.")[1]));
        assertEquals("urn:documind:organization:" + organizationId, claims.path("aud").asText());
        assertTrue(claims.path("scope").asText().contains("create:documents"), claims.toString());

        String bobEmail = "bob@" + domain;
        Session bob = Accounts.signUp(org, bobEmail, "Bob");
        timed("sign-up → verification email at SMTP (second user)", () -> registerMail(bobEmail), m -> m != null);
        assertNull(Accounts.tryOrganizationToken(org, bob, organizationId), "an unverified address never joins");
    }

    private static MimeMessage registerMail(String address) {
        return mail.messagesFor(address).stream().filter(InvitationMails::isVerification).findFirst().orElse(null);
    }

    private static <T> T timed(String hop, Supplier<T> probe, Predicate<T> done) {
        return hops.timed(hop, probe, done);
    }
}
