package io.documind.invitation.limits;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.contracts.events.EmailFailed;
import io.documind.contracts.events.EmailSent;
import io.documind.invitation.OrgEvents.Org;
import io.documind.invitation.InvitationServiceTest;
import io.documind.invitation.Reply;
import io.documind.kit.testing.EventFeed;
import io.documind.localstack.testing.TestIssuer;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.documind.invitation.Reply.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Abuse limits on invitations (issue 16 part 5), on real PostgreSQL and Kafka with no notification-service: its
 * EmailSent / EmailFailed are fed by hand, so the mail backlog stays exactly as long as the test says.
 */
@MicronautTest(transactional = false)
class InvitationLimitsTest extends InvitationServiceTest {

    private static final String API = "/api/organization-invitations";
    private static final int RATE = 6;
    private static final int BACKLOG = 2;
    private static final int FIRST_DAY = 8;

    @Inject
    @Client("/")
    HttpClient http;

    private final TestIssuer issuer = TestIssuer.shared();
    private EventFeed notificationEvents;
    private String machine;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        p.putAll(issuer.properties());
        p.put("documind.invitation.limits.messages-per-organization", String.valueOf(RATE));
        p.put("documind.invitation.limits.messages-window", "1h");
        p.put("documind.invitation.limits.mail-backlog", String.valueOf(BACKLOG));
        p.put("documind.invitation.limits.mail-backlog-retry-after", "30s");
        p.put("documind.invitation.limits.new-organization-messages", String.valueOf(FIRST_DAY));
        // The first requests meet a cold service on a busy machine: more than the client's default 10 s.
        p.put("micronaut.http.client.read-timeout", "60s");
        return p;
    }

    @BeforeAll
    void connect() {
        notificationEvents = new EventFeed(codec);
        machine = issuer.managementToken("m2m-" + UUID.randomUUID());
    }

    @AfterAll
    void close() {
        notificationEvents.close();
    }

    @Test
    void anOrganizationOverItsInvitationRateIsRefusedWithRetryAfterAndNothingWritten() {
        Org org = organization();
        Org other = organization();
        String resent = invite(org, false).json().path("id").asText();
        clock.advance(Duration.ofMinutes(2)); // past the send-again cooldown: a send-again counts as a message
        assertEquals(204, send(HttpRequest.POST(API + "/" + resent + "/message", "")).status());
        for (int i = 2; i < RATE; i++) {
            assertEquals(201, invite(org, false).status());
        }

        String before = db.fingerprint();
        Reply refused = invite(org, false);
        assertEquals(429, refused.status(), refused.body());
        assertEquals("application/problem+json", refused.contentType());
        assertTrue(refused.body().contains("invitations within 1 hour;"), refused.body());
        long retryAfter = Long.parseLong(refused.header(HttpHeaders.RETRY_AFTER));
        // The first message leaves the hour's window first: it was sent two minutes (of test time) ago.
        assertTrue(retryAfter > 3400 && retryAfter <= 3481, "Retry-After " + retryAfter);
        assertEquals(429, send(HttpRequest.POST(API + "/" + resent + "/message", "")).status(), "a send-again too");
        assertEquals(before, db.fingerprint(), "a refusal writes nothing and emits nothing");

        assertEquals(201, invite(other, false).status(), "another organization has its own budget");
        clock.advance(Duration.ofSeconds(retryAfter));
        assertEquals(201, invite(org, false).status(), "room again once the oldest message left the window");
    }

    @Test
    void invitationsPastTheMailBacklogAreRefusedUntilEmailSentEventsArrive() {
        Org org = organization();
        Org other = organization();
        String first = invite(org, true).json().path("id").asText();
        String second = invite(org, true).json().path("id").asText();

        String before = db.fingerprint();
        Reply refused = invite(org, true);
        assertEquals(429, refused.status(), refused.body());
        assertEquals("30", refused.header(HttpHeaders.RETRY_AFTER));
        assertEquals(before, db.fingerprint(), "nothing written, no event");
        assertEquals(201, invite(org, false).status(), "an invitation without an email adds nothing to the backlog");
        assertEquals(201, invite(other, true).status(), "another organization's backlog is its own");

        // notification-service's answers, naming the request that asked for each email
        notificationEvents.publish(new EmailSent(UUID.randomUUID().toString(), org.id(), "OrganizationInvitation",
                "x@example.com", messageRequestOf(first)));
        db.awaitCount("SELECT count(*) FROM invitation_mail_waiting WHERE organization_id = ?", 1, org.id());
        assertEquals(201, invite(org, true).status(), "accepted again once an email went out");
        assertEquals(429, invite(org, true).status());

        notificationEvents.publish(new EmailFailed(UUID.randomUUID().toString(), org.id(), "OrganizationInvitation",
                "x@example.com", messageRequestOf(second), "550 no such user"));
        db.awaitCount("SELECT count(*) FROM invitation_mail_waiting WHERE organization_id = ?", 1, org.id());
        assertEquals(201, invite(org, true).status(), "a failed email waits no more either");
    }

    @Test
    void revokingAnInvitationFreesItsPlaceInTheBacklog() {
        Org org = organization();
        invite(org, true);
        String revoked = invite(org, true).json().path("id").asText();
        assertEquals(429, invite(org, true).status());

        assertEquals(200, send(HttpRequest.PUT(API + "/" + revoked + "/status", body("status", "Revoked"))).status());
        assertEquals(201, invite(org, true).status());
        assertEquals(429, invite(org, true).status());
    }

    @Test
    void sendingAgainReplacesTheInvitationsWaitingEmailInsteadOfAddingOne() {
        Org org = organization();
        String id = invite(org, true).json().path("id").asText();
        clock.advance(Duration.ofMinutes(2));
        assertEquals(204, send(HttpRequest.POST(API + "/" + id + "/message", "")).status());
        assertEquals(1, db.count("SELECT count(*) FROM invitation_mail_waiting WHERE organization_id = ?", org.id()));
        // The first email, cancelled by notification-service, is never answered; the second one's answer clears it.
        notificationEvents.publish(new EmailSent(UUID.randomUUID().toString(), org.id(), "OrganizationInvitation",
                "x@example.com", messageRequestOf(id)));
        db.awaitCount("SELECT count(*) FROM invitation_mail_waiting WHERE organization_id = ?", 0, org.id());
    }

    @Test
    void aNewOrganizationHasASmallerAllowanceForItsFirstDay() {
        Org org = organization();
        for (int i = 0; i < RATE; i++) {
            assertEquals(201, invite(org, false).status());
        }
        clock.advance(Duration.ofHours(1).plusMinutes(1)); // the hourly rate has room again
        for (int i = RATE; i < FIRST_DAY; i++) {
            assertEquals(201, invite(org, false).status());
        }
        Reply refused = invite(org, false);
        assertEquals(429, refused.status(), refused.body());
        long retryAfter = Long.parseLong(refused.header(HttpHeaders.RETRY_AFTER));
        long born = db.count("SELECT extract(epoch FROM created_at)::bigint FROM organization_birth WHERE organization_id = ?",
                org.id());
        long firstDayLeft = born + Duration.ofDays(1).toSeconds() - clock.instant().getEpochSecond();
        assertTrue(Math.abs(retryAfter - firstDayLeft) <= 5, "until the first day ends: " + retryAfter + " vs " + firstDayLeft);
        assertTrue(retryAfter < Duration.ofHours(23).toSeconds(), "Retry-After " + retryAfter);
        clock.advance(Duration.ofSeconds(retryAfter));
        assertEquals(201, invite(org, false).status(), "an established organization has the hourly rate only");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** The event id of the invitation's latest InvitationMessageRequested: what EmailSent names. */
    private String messageRequestOf(String invitationId) {
        List<JsonNode> requests = db.eventsOf(invitationId).stream()
                .filter(e -> "InvitationMessageRequested".equals(e.path("type").asText())).toList();
        return requests.getLast().path("id").asText();
    }

    private Reply invite(Org org, boolean email) {
        Map<String, Object> body = body("invitee", "person-" + UUID.randomUUID() + "@example.com",
                "organizationId", org.id(), "organizationRoleNames", List.of("Member"));
        if (!email) {
            body.put("messagePayload", false);
        }
        return send(HttpRequest.POST(API, body));
    }

    private Org organization() {
        return db.awaitKnown(orgEvents.newOrganization("Limits " + UUID.randomUUID()));
    }

    private Reply send(MutableHttpRequest<?> request) {
        return Reply.exchange(http, request.bearerAuth(machine));
    }
}
