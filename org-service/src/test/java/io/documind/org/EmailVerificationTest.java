package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.contracts.events.EmailCodeRequested;
import io.documind.contracts.events.InvitationAccepted;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.kit.testing.EventFeed;
import io.documind.org.token.Secrets;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Email verification over real HTTP, PostgreSQL and Kafka: sign-up sends a sealed code and link
 * (EmailCodeRequested), the code or the link proves the address (UserEmailVerified, email_verified in tokens),
 * wrong codes and resends are limited, an email change needs a new proof, an invitation's secret is one.
 */
@MicronautTest(transactional = false)
class EmailVerificationTest extends OrgServiceTest {

    private static final String REGISTER = EmailCodeRequested.REGISTER;

    @Inject
    EnvelopeCodec codec;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("documind.identity.email-codes.resend-cooldown", "3s");
        p.put("documind.identity.email-codes.max-attempts", "3");
        return p;
    }

    @Test
    void signUpLeavesTheAddressUnprovedUntilTheEmailedCodeComesBack() throws Exception {
        Account user = signUp();
        assertEquals(Boolean.FALSE, claimsOf(user.accessToken()).getBooleanClaim("email_verified"));
        assertFalse(me(user).path("primaryEmailVerified").asBoolean());
        String code = emailed(user.id(), REGISTER, "sealedCode", 0);
        assertTrue(code.matches("\\d{6}"), code);
        JsonNode request = platformEventsAbout(user.id()).stream()
                .filter(e -> e.path("type").asText().equals("EmailCodeRequested")).findFirst().orElseThrow();
        assertEquals(user.email(), request.path("data").path("email").asText());
        assertFalse(request.toString().contains(code), "the code travels sealed only");

        HttpClientResponseException wrong = failure(verify(user, wrongCode(code)));
        assertEquals(400, wrong.getStatus().getCode());
        assertTrue(body(wrong).contains("\"field\":\"code\""), body(wrong));

        JsonNode verified = json(http.toBlocking().retrieve(verify(user, code)));
        assertTrue(verified.path("primaryEmailVerified").asBoolean());
        assertEquals(1, await().atMost(Duration.ofSeconds(30)).until(() -> platformEventsAbout(user.id()).stream()
                .filter(e -> e.path("type").asText().equals("UserEmailVerified"))
                .filter(e -> e.path("data").path("email").asText().equals(user.email())).count(), n -> n == 1));
        JsonNode tokens = tokenResponse(form("grant_type", "password", "username", user.email(), "password", PASSWORD));
        assertEquals(Boolean.TRUE, claimsOf(tokens.path("access_token").asText()).getBooleanClaim("email_verified"));
        JsonNode managed = managementRead("/api/users/" + user.id());
        assertTrue(managed.path("primaryEmailVerified").asBoolean());
        assertEquals(409, status(resend(user)), "a proved address needs no new code");
    }

    @Test
    void aCodeRestsAsAKeyedHashACopyOfTheDatabaseCannotTryCodesAgainst() {
        Account user = signUp();
        String code = emailed(user.id(), REGISTER, "sealedCode", 0);
        String material = user.id() + ":" + REGISTER + ":" + code;
        String stored = codeHashOf(user.id());
        assertTrue(stored.startsWith("hmac:v1:"), stored);
        assertFalse(stored.contains(Secrets.hash(material)), "not the plain SHA-256 a reader could compute");

        // A code from before the keyed form (a plain hash, alive at most ten minutes after an upgrade) still counts.
        transactions.executeWrite(s -> Statements.update(s.getConnection(),
                "UPDATE email_code SET code_hash = ? WHERE user_id = ?", Secrets.hash(material), user.id()));
        assertTrue(json(http.toBlocking().retrieve(verify(user, code))).path("primaryEmailVerified").asBoolean());
    }

    private String codeHashOf(String userId) {
        return transactions.executeRead(s -> Statements.strings(s.getConnection(),
                "SELECT code_hash FROM email_code WHERE user_id = ? AND purpose = ?", userId, REGISTER)).get(0);
    }

    @Test
    void aCodeSurvivesOnlyAFewWrongGuessesAndResendingWaitsForTheCooldown() {
        Account user = signUp();
        String code = emailed(user.id(), REGISTER, "sealedCode", 0);
        HttpClientResponseException tooSoon = failure(resend(user));
        assertEquals(429, tooSoon.getStatus().getCode());
        assertNotNull(tooSoon.getResponse().getHeaders().get("Retry-After"));
        for (int i = 0; i < 3; i++) {
            assertEquals(400, status(verify(user, wrongCode(code))));
        }
        assertEquals(422, status(verify(user, code)), "the right code no longer helps after 3 wrong ones");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> status(resend(user)) == 202);
        String second = emailed(user.id(), REGISTER, "sealedCode", 1);
        assertEquals(200, status(verify(user, second)));
        assertTrue(me(user).path("primaryEmailVerified").asBoolean());
    }

    @Test
    void theEmailedLinkProvesTheAddressOnlyForItsOwnSignedInAccountAndOpeningItProvesNothing() {
        Account user = signUp();
        Account other = signUp();
        String link = emailed(user.id(), REGISTER, "sealedLink", 0);
        assertTrue(link.startsWith("http://localhost:8081/email-verification?token="), link);
        String path = link.substring("http://localhost:8081".length());
        String secret = link.substring(link.indexOf("token=") + "token=".length());

        // A mail scanner, or whoever reads the mail, opens it: told what it is for, nothing proved.
        JsonNode landing = json(http.toBlocking().retrieve(HttpRequest.GET(path)));
        assertEquals(user.email(), landing.path("email").asText());
        assertFalse(landing.path("emailVerified").asBoolean());
        assertEquals(200, status(HttpRequest.GET(path)), "opening it twice uses nothing up");
        assertFalse(me(user).path("primaryEmailVerified").asBoolean());
        // Another account cannot use it, and trying leaves it usable.
        assertEquals(400, status(verifyLink(other, secret)));
        assertFalse(me(other).path("primaryEmailVerified").asBoolean());
        assertEquals(400, status(HttpRequest.POST("/me/email-verification", Map.of("code", "123456", "token", secret))
                .bearerAuth(user.accessToken())), "one proof at a time");
        assertEquals(400, status(HttpRequest.POST("/me/email-verification", Map.of()).bearerAuth(user.accessToken())));

        assertEquals(200, status(verifyLink(user, secret)));
        assertTrue(me(user).path("primaryEmailVerified").asBoolean());
        assertEquals(400, status(verifyLink(user, secret)), "used up");
        assertEquals(400, status(HttpRequest.GET(path)), "used up");
        assertEquals(400, status(HttpRequest.GET("/email-verification?token=made-up")));
    }

    private MutableHttpRequest<?> verifyLink(Account user, String secret) {
        return HttpRequest.POST("/me/email-verification", Map.of("token", secret)).bearerAuth(user.accessToken());
    }

    @Test
    void anEmailChangeNeedsANewProofSentToTheNewAddress() throws Exception {
        Account user = signUp();
        assertEquals(200, status(verify(user, emailed(user.id(), REGISTER, "sealedCode", 0))));
        String newEmail = "changed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        JsonNode changed = json(http.toBlocking().retrieve(HttpRequest.PATCH("/api/users/" + user.id(),
                Map.of("primaryEmail", newEmail)).bearerAuth(managementToken())));
        assertFalse(changed.path("primaryEmailVerified").asBoolean());
        JsonNode updated = await().atMost(Duration.ofSeconds(30)).until(() -> platformEventsAbout(user.id()).stream()
                .filter(e -> e.path("type").asText().equals("UserUpdated")).findFirst().orElse(null), e -> e != null);
        assertEquals(newEmail, updated.path("data").path("email").asText());
        assertFalse(updated.path("data").path("emailVerified").asBoolean());

        String code = emailed(user.id(), REGISTER, "sealedCode", 1);
        JsonNode second = platformEventsAbout(user.id()).stream()
                .filter(e -> e.path("type").asText().equals("EmailCodeRequested")).toList().getLast();
        assertEquals(newEmail, second.path("data").path("email").asText());
        String token = tokenResponse(form("grant_type", "password", "username", newEmail, "password", PASSWORD))
                .path("access_token").asText();
        assertEquals(Boolean.FALSE, claimsOf(token).getBooleanClaim("email_verified"));
        assertEquals(200, status(HttpRequest.POST("/me/email-verification", Map.of("code", code)).bearerAuth(token)));
    }

    /**
     * The code's check and an email change, each holding one of the two rows the other needs, deadlocked: the check
     * locked the code and then the user; the change the user and then the code it replaces. One of them was rolled
     * back (503). Now both take the user first: the check proves the old address, the change then makes it unproved.
     */
    @Test
    void aCodeCheckedWhileTheAddressChangesWaitsForItInsteadOfDeadlocking() throws Exception {
        Account user = signUp();
        String code = emailed(user.id(), REGISTER, "sealedCode", 0);
        String newEmail = "changed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        List<Integer> raced = raceOnTheCode(transactions, user.id(), REGISTER, verify(user, code),
                changeEmail(user, newEmail));

        assertEquals(List.of(200, 200), raced);
        JsonNode after = managementRead("/api/users/" + user.id());
        assertEquals(newEmail, after.path("primaryEmail").asText(), after.toString());
        assertFalse(after.path("primaryEmailVerified").asBoolean(), "the new address is not proved");
    }

    /**
     * A resend and an email change at the same moment: the resend used to replace the code without the user's lock,
     * and failed on the key of the code the change had just made. Now it waits for the change and is then refused,
     * as any resend just after a code was sent.
     */
    @Test
    void aResendWhileTheAddressChangesWaitsAndFindsTheNewAddressCode() throws Exception {
        Account user = signUp();
        emailed(user.id(), REGISTER, "sealedCode", 0);
        transactions.executeWrite(s -> Statements.update(s.getConnection(), // past the resend cooldown
                "UPDATE email_code SET created_at = created_at - interval '1 hour' WHERE user_id = ?", user.id()));
        String newEmail = "changed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        List<Integer> raced = raceOnTheCode(transactions, user.id(), REGISTER, changeEmail(user, newEmail),
                resend(user));

        assertEquals(List.of(200, 429), raced);
        emailed(user.id(), REGISTER, "sealedCode", 1);
        List<JsonNode> sent = platformEventsAbout(user.id()).stream()
                .filter(e -> e.path("type").asText().equals("EmailCodeRequested")).toList();
        assertEquals(2, sent.size(), "the sign-up's code and the change's, no third");
        assertEquals(newEmail, sent.getLast().path("data").path("email").asText());
    }

    private MutableHttpRequest<?> changeEmail(Account user, String email) {
        return HttpRequest.PATCH("/api/users/" + user.id(), Map.of("primaryEmail", email)).bearerAuth(managementToken());
    }

    @Test
    void acceptingAnInvitationWithItsSecretProvesTheAddressARecordedAcceptanceDoesNot() throws Exception {
        Account admin = signUp();
        Account proved = signUp();
        Account recorded = signUp();
        String org = createOrganization(admin, "Proof by invitation");
        try (EventFeed events = new EventFeed(codec)) {
            events.publish(new InvitationAccepted(UUID.randomUUID().toString(), org, recorded.id(), recorded.email(),
                    List.of("Member"), null, false));
            events.publish(new InvitationAccepted(UUID.randomUUID().toString(), org, proved.id(), proved.email(),
                    List.of("Member"), null, true));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> me(proved).path("primaryEmailVerified").asBoolean());
        await().atMost(Duration.ofSeconds(30)).until(() -> myOrganizations(recorded).contains(org));
        assertFalse(me(recorded).path("primaryEmailVerified").asBoolean());
    }

    @Test
    void verificationNeedsAUserTokenAndACode() {
        Account user = signUp();
        assertEquals(401, status(HttpRequest.POST("/me/email-verification", Map.of("code", "123456"))));
        assertEquals(400, status(HttpRequest.POST("/me/email-verification", Map.of()).bearerAuth(user.accessToken())));
        assertEquals(400, status(HttpRequest.POST("/me/email-verification", Map.of("code", "1", "x", 2))
                .bearerAuth(user.accessToken())));
    }

    private MutableHttpRequest<?> verify(Account user, String code) {
        return HttpRequest.POST("/me/email-verification", Map.of("code", code)).bearerAuth(user.accessToken());
    }

    private MutableHttpRequest<?> resend(Account user) {
        return HttpRequest.POST("/me/email-verification/resend", "").bearerAuth(user.accessToken());
    }

    private JsonNode me(Account user) {
        return json(http.toBlocking().retrieve(HttpRequest.GET("/me").bearerAuth(user.accessToken())));
    }

    static String wrongCode(String code) {
        return "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);
    }
}
