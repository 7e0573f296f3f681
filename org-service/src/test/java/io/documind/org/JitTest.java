package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.contracts.EmailAddress;
import io.documind.contracts.Topics;
import io.documind.contracts.events.EmailCodeRequested;
import io.documind.contracts.events.UserEmailVerified;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.kit.testing.EventFeed;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Just-in-time membership over real HTTP, PostgreSQL and Kafka: Logto's /jit/email-domains and /jit/roles, and the
 * UserEmailVerified consumer that makes a user with a proved address at such a domain a member with the JIT roles,
 * once, never for an unproved address nor for a domain added after the proof.
 */
@MicronautTest(transactional = false)
class JitTest extends OrgServiceTest {

    @Inject
    EnvelopeCodec codec;

    @Test
    void emailDomainsAndRolesHaveLogtosShapes() {
        String org = managedOrganization();
        String domains = "/api/organizations/" + org + "/jit/email-domains";
        JsonNode added = call(HttpRequest.POST(domains, Map.of("emailDomain", "Acme.Example")));
        assertEquals(org, added.path("organizationId").asText());
        assertEquals("acme.example", added.path("emailDomain").asText());
        assertEquals(409, status(m(HttpRequest.POST(domains, Map.of("emailDomain", "acme.example")))));
        for (String bad : List.of("@acme.example", "acme", "a b.example", "")) {
            assertEquals(400, status(m(HttpRequest.POST(domains, Map.of("emailDomain", bad)))), bad);
        }
        assertEquals(204, status(m(HttpRequest.PUT(domains, Map.of("emailDomains", List.of("acme.example", "b.example"))))));
        assertEquals(List.of("acme.example", "b.example"), call(HttpRequest.GET(domains)).findValuesAsText("emailDomain"));
        assertEquals(204, status(m(HttpRequest.DELETE(domains + "/acme.example"))));
        assertEquals(404, status(m(HttpRequest.DELETE(domains + "/acme.example"))));
        assertEquals(List.of("b.example"), call(HttpRequest.GET(domains)).findValuesAsText("emailDomain"));
        assertEquals(404, status(m(HttpRequest.GET("/api/organizations/" + UUID.randomUUID() + "/jit/email-domains"))));

        String roles = "/api/organizations/" + org + "/jit/roles";
        String member = roleId("Member");
        String collaborator = roleId("Collaborator");
        assertEquals(201, status(m(HttpRequest.POST(roles, Map.of("organizationRoleIds", List.of(member))))));
        JsonNode listed = call(HttpRequest.GET(roles));
        assertEquals(member, listed.get(0).path("id").asText());
        assertEquals("Member", listed.get(0).path("name").asText());
        assertEquals(422, status(m(HttpRequest.POST(roles, Map.of("organizationRoleIds", List.of(UUID.randomUUID()))))));
        assertEquals(204, status(m(HttpRequest.PUT(roles, Map.of("organizationRoleIds", List.of(collaborator))))));
        assertEquals(List.of("Collaborator"), call(HttpRequest.GET(roles)).findValuesAsText("name"));
        assertEquals(204, status(m(HttpRequest.DELETE(roles + "/" + collaborator))));
        assertEquals(404, status(m(HttpRequest.DELETE(roles + "/" + collaborator))));
        assertEquals(401, status(HttpRequest.GET(roles)));
    }

    @Test
    void aProvedAddressAtAJitDomainJoinsWithTheJitRolesAnUnprovedOneNever() throws Exception {
        String domain = "jit-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        Account admin = signUp();
        String org = createOrganization(admin, "Auto-joining");
        call(HttpRequest.POST("/api/organizations/" + org + "/jit/email-domains", Map.of("emailDomain", domain)));
        assertEquals(201, status(m(HttpRequest.POST("/api/organizations/" + org + "/jit/roles",
                Map.of("organizationRoleIds", List.of(roleId("Member")))))));

        Account proved = signUp("ada@" + domain.toUpperCase());
        Account unproved = signUp("bob@" + domain);
        assertEquals(200, status(HttpRequest.POST("/me/email-verification",
                Map.of("code", emailed(proved.id(), EmailCodeRequested.REGISTER, "sealedCode", 0)))
                .bearerAuth(proved.accessToken())));

        await().atMost(Duration.ofSeconds(30)).until(() -> myOrganizations(proved).contains(org));
        List<String> scopes = List.of(claimsOf(organizationToken(proved, org)).getStringClaim("scope").split(" "));
        assertTrue(scopes.contains("create:documents") && !scopes.contains("delete:organization"), "Member's: " + scopes);
        JsonNode created = eventsOf(org).stream().filter(e -> e.path("type").asText().equals("MembershipCreated"))
                .filter(e -> e.path("data").path("userId").asText().equals(proved.id())).findFirst().orElseThrow();
        assertEquals("JIT", created.path("data").path("source").asText());
        assertEquals(List.of("Member"), List.of(JSON.treeToValue(created.path("data").path("roles"), String[].class)));

        // Redelivered: nothing new. A marker on the same partition shows the redelivery was handled.
        UserEmailVerified again = new UserEmailVerified(proved.id(), proved.email());
        Account marker = signUp("marker@" + domain);
        try (EventFeed events = new EventFeed(codec)) {
            byte[] envelope = events.envelope(again);
            events.publishRaw(Topics.ORG_EVENTS, EventFeed.keyOf(again), envelope);
            events.publishRaw(Topics.ORG_EVENTS, EventFeed.keyOf(again), envelope);
        }
        assertEquals(200, status(HttpRequest.POST("/me/email-verification",
                Map.of("code", emailed(marker.id(), EmailCodeRequested.REGISTER, "sealedCode", 0)))
                .bearerAuth(marker.accessToken())));
        await().atMost(Duration.ofSeconds(30)).until(() -> myOrganizations(marker).contains(org));
        assertEquals(1, eventsOf(org).stream().filter(e -> e.path("type").asText().equals("MembershipCreated"))
                .filter(e -> e.path("data").path("userId").asText().equals(proved.id())).count());
        assertFalse(myOrganizations(unproved).contains(org), "an unproved address never joins");
    }

    @Test
    void aDomainAddedAfterTheProofDoesNotReachBackButReachesLaterSignUps() {
        String domain = "late-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        Account admin = signUp();
        String org = createOrganization(admin, "Late domain");
        Account early = signUp("early@" + domain);
        verify(early);
        await().atMost(Duration.ofSeconds(30)).until(() -> me(early).path("primaryEmailVerified").asBoolean());
        call(HttpRequest.POST("/api/organizations/" + org + "/jit/email-domains", Map.of("emailDomain", domain)));

        Account later = signUp("later@" + domain);
        verify(later);
        await().atMost(Duration.ofSeconds(30)).until(() -> myOrganizations(later).contains(org));
        assertTrue(myOrganizations(later).contains(org));
        assertFalse(myOrganizations(early).contains(org), "proved before the domain was there");
        JsonNode members = call(HttpRequest.GET("/api/organizations/" + org + "/users"));
        assertTrue(java.util.stream.StreamSupport.stream(members.spliterator(), false)
                .anyMatch(m -> m.path("id").asText().equals(later.id())), "a member, as Logto shapes users: " + members);
    }

    /** JIT domains are written in ASCII; an address written with the domain's letters is at that domain too. */
    @Test
    void anAddressWrittenWithTheDomainsLettersJoinsItsAsciiDomain() {
        String letters = "b\u00fccher-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String ascii = EmailAddress.asciiForm("x@" + letters).orElseThrow().substring(2);
        Account admin = signUp();
        String org = createOrganization(admin, "Umlaut domain");
        call(HttpRequest.POST("/api/organizations/" + org + "/jit/email-domains", Map.of("emailDomain", ascii)));

        Account member = signUp("reader@" + letters);
        verify(member);
        await().atMost(Duration.ofSeconds(30)).until(() -> myOrganizations(member).contains(org));
    }

    private void verify(Account account) {
        assertEquals(200, status(HttpRequest.POST("/me/email-verification",
                Map.of("code", emailed(account.id(), EmailCodeRequested.REGISTER, "sealedCode", 0)))
                .bearerAuth(account.accessToken())));
    }

    private JsonNode me(Account account) {
        return json(http.toBlocking().retrieve(HttpRequest.GET("/me").bearerAuth(account.accessToken())));
    }

    private String managedOrganization() {
        return call(HttpRequest.POST("/api/organizations", Map.of("name", "JIT shapes"))).path("id").asText();
    }

    private String roleId(String name) {
        for (JsonNode role : call(HttpRequest.GET("/api/organization-roles"))) {
            if (role.path("name").asText().equals(name)) {
                return role.path("id").asText();
            }
        }
        throw new AssertionError("no role " + name);
    }

    private JsonNode call(MutableHttpRequest<?> request) {
        return json(http.toBlocking().retrieve(m(request)));
    }

    private MutableHttpRequest<?> m(MutableHttpRequest<?> request) {
        return request.bearerAuth(managementToken());
    }
}
