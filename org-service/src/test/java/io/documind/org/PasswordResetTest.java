package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.contracts.events.EmailCodeRequested;
import io.documind.org.identity.EmailAddresses;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

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
 * Password reset by emailed code over real HTTP, PostgreSQL and Kafka: the same answer for known and unknown
 * addresses, limits per address and per client address, attempt-limited codes, and a reset that ends every
 * sign-in (refresh and access tokens) as a password change does.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PasswordResetTest extends OrgServiceTest {

    private static final String FORGOT = EmailCodeRequested.FORGOT_PASSWORD;
    private static final String NEW_PASSWORD = "a new passphrase 7";

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("documind.identity.email-codes.max-attempts", "2");
        p.put("documind.identity.email-codes.reset-requests-per-client-address", "20");
        return p;
    }

    @Test
    @Order(1)
    void aResetByCodeSetsThePasswordAndEndsEverySignIn() {
        Account user = signUp();
        HttpResponse<String> known = http.toBlocking().exchange(reset(user.email()), String.class);
        HttpResponse<String> unknown = http.toBlocking().exchange(reset("nobody-" + UUID.randomUUID() + "@example.com"),
                String.class);
        assertEquals(202, known.code());
        assertEquals(known.code(), unknown.code());
        assertEquals(known.getBody().orElse(""), unknown.getBody().orElse(""), "no hint who has an account");
        String code = emailed(user.id(), FORGOT, "sealedCode", 0);

        HttpClientResponseException weak = failure(confirm(user.email(), code, "short"));
        assertEquals(400, weak.getStatus().getCode());
        assertTrue(body(weak).contains("\"field\":\"password\""), body(weak));
        assertEquals(400, status(confirm(user.email(), EmailVerificationTest.wrongCode(code), NEW_PASSWORD)));
        assertEquals(204, status(confirm(user.email(), code, NEW_PASSWORD)));
        assertEquals(400, status(confirm(user.email(), code, NEW_PASSWORD)), "a code works once");

        assertEquals(400, status(tokenRequest(form("grant_type", "password", "username", user.email(),
                "password", PASSWORD))), "the old password is gone");
        assertEquals(200, status(tokenRequest(form("grant_type", "password", "username", user.email(),
                "password", NEW_PASSWORD))));
        assertEquals(400, status(tokenRequest(form("grant_type", "refresh_token", "refresh_token",
                user.refreshToken()))), "the refresh token of before is refused");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(HttpRequest.GET("/me").bearerAuth(user.accessToken())) == 401);
        assertEquals(1, platformEventsAbout(user.id()).stream()
                .filter(e -> e.path("type").asText().equals("PasswordChanged")).count());
    }

    @Test
    @Order(2)
    void aCodeSurvivesOnlyAFewWrongGuesses() {
        Account user = signUp();
        String code = resetCode(user);
        assertEquals(400, status(confirm(user.email(), EmailVerificationTest.wrongCode(code), NEW_PASSWORD)));
        assertEquals(400, status(confirm(user.email(), EmailVerificationTest.wrongCode(code), NEW_PASSWORD)));
        // The right code now, answered as a wrong one (and as an unknown address): used up, and no hint.
        HttpClientResponseException usedUp = failure(confirm(user.email(), code, NEW_PASSWORD));
        HttpClientResponseException unknown = failure(confirm("nobody-" + UUID.randomUUID() + "@example.com", code,
                NEW_PASSWORD));
        assertEquals(400, usedUp.getStatus().getCode());
        assertEquals(json(body(unknown)).path("detail"), json(body(usedUp)).path("detail"));
        assertEquals(200, status(tokenRequest(form("grant_type", "password", "username", user.email(),
                "password", PASSWORD))), "the password stays");
    }

    /** The confirm answers a wrong code and an address without an account alike: no hint who has an account. */
    @Test
    @Order(2)
    void aWrongCodeAndAnUnknownAddressGetTheSameAnswer() {
        Account user = signUp();
        String code = resetCode(user);
        HttpClientResponseException wrong = failure(confirm(user.email(), EmailVerificationTest.wrongCode(code),
                NEW_PASSWORD));
        HttpClientResponseException unknown = failure(confirm("nobody-" + UUID.randomUUID() + "@example.com",
                EmailVerificationTest.wrongCode(code), NEW_PASSWORD));
        assertEquals(wrong.getStatus(), unknown.getStatus());
        assertEquals(json(body(wrong)).path("detail"), json(body(unknown)).path("detail"));
        assertEquals(json(body(wrong)).path("errors"), json(body(unknown)).path("errors"));
    }

    /** A code mailed just before a suspension sets no password and verifies nothing once the account is suspended. */
    @Test
    @Order(2)
    void aCodeMailedBeforeASuspensionDoesNothingAfterIt() throws Exception {
        Account user = signUp();
        String code = resetCode(user);
        assertEquals(200, status(HttpRequest.PATCH("/api/users/" + user.id() + "/is-suspended",
                Map.of("isSuspended", true)).bearerAuth(managementToken())));

        assertEquals(400, status(confirm(user.email(), code, NEW_PASSWORD)));
        assertEquals(200, status(HttpRequest.PATCH("/api/users/" + user.id() + "/is-suspended",
                Map.of("isSuspended", false)).bearerAuth(managementToken())));
        assertEquals(200, status(tokenRequest(form("grant_type", "password", "username", user.email(),
                "password", PASSWORD))), "the password stays");

        // The same code confirmed while a suspension commits: the confirmation reads the user under its lock, so the
        // suspension that held the row first wins (read without a lock, the code set a password: 204).
        String hash = passwordHash(user);
        LockRace.Outcome<List<String>, List<Integer>> race = LockRace.runInTurn(transactions,
                c -> Statements.strings(c, "SELECT id FROM app_user WHERE id = ? FOR UPDATE", user.id()),
                List.of(() -> status(HttpRequest.PATCH("/api/users/" + user.id() + "/is-suspended",
                                Map.of("isSuspended", true)).bearerAuth(managementToken())),
                        () -> status(confirm(user.email(), code, NEW_PASSWORD))));
        assertEquals(List.of(200, 400), race.raced());
        JsonNode managed = managementRead("/api/users/" + user.id());
        assertTrue(managed.path("isSuspended").asBoolean(), managed.toString());
        assertFalse(managed.path("primaryEmailVerified").asBoolean(), "the code verified nothing");
        assertEquals(hash, passwordHash(user), "the code set no password");
    }

    private String passwordHash(Account user) {
        return transactions.executeRead(s -> Statements.strings(s.getConnection(),
                "SELECT password_hash FROM app_user WHERE id = ?", user.id())).getFirst();
    }

    /**
     * A confirmation and a second request for the same account each lock the user's row before the code's. Were one
     * of them to take the code first (the request's delete, then an insert whose foreign key check waits on the user's
     * row) while the other held the user and waited for the code, they would deadlock and one answer 503 (an
     * intermediate version did). So the confirmation waits, then finds its code replaced.
     */
    @Test
    @Order(2)
    void aCodeConfirmedWhileANewOneIsRequestedWaitsInsteadOfDeadlocking() throws Exception {
        Account user = signUp();
        String code = resetCode(user);
        transactions.executeWrite(s -> Statements.update(s.getConnection(), // past the per-address cooldown
                "DELETE FROM request_limit WHERE key = ?",
                "password-reset:email:" + EmailAddresses.canonical(user.email())));

        assertEquals(List.of(202, 400), raceOnTheCode(transactions, user.id(), FORGOT, reset(user.email()),
                        confirm(user.email(), code, NEW_PASSWORD)),
                "the request went first; its new code replaced the one confirmed");
        assertEquals(204, status(confirm(user.email(), emailed(user.id(), FORGOT, "sealedCode", 1), NEW_PASSWORD)),
                "the new code works (one wrong attempt counted against it, of two)");
    }

    @Test
    @Order(3)
    void askingAgainForOneAddressIsRefusedAlikeForKnownAndUnknownAddresses() {
        Account user = signUp();
        String stranger = "stranger-" + UUID.randomUUID() + "@example.com";
        for (String email : new String[]{user.email(), stranger}) {
            assertEquals(202, status(reset(email)));
            HttpClientResponseException again = failure(reset(email.toUpperCase()));
            assertEquals(429, again.getStatus().getCode());
            assertNotNull(again.getResponse().getHeaders().get("Retry-After"));
        }
    }

    @Test
    @Order(4)
    void oneClientAddressMayAskOnlySoOften() {
        int accepted = 0;
        HttpClientResponseException refused = null;
        for (int i = 0; i < 21 && refused == null; i++) {
            try {
                http.toBlocking().exchange(reset("many-" + UUID.randomUUID() + "@example.com"), String.class);
                accepted++;
            } catch (HttpClientResponseException e) {
                refused = e;
            }
        }
        assertNotNull(refused, "20 requests per window from one address, counting the earlier tests'");
        assertEquals(429, refused.getStatus().getCode());
        assertTrue(accepted < 20, "the earlier tests' requests counted too: " + accepted);
        assertNotNull(refused.getResponse().getHeaders().get("Retry-After"));
    }

    @Test
    @Order(5)
    void badInputIsAProblem() {
        assertEquals(400, status(HttpRequest.POST("/password-reset", Map.of("email", "not-an-email"))));
        JsonNode problem = json(body(failure(HttpRequest.POST("/password-reset/confirm", Map.of("email", "a@example.com")))));
        assertEquals(400, problem.path("status").asInt());
    }

    /** Asks for a reset of the user's password (202) and reads the code it mailed. */
    private String resetCode(Account user) {
        assertEquals(202, status(reset(user.email())));
        return emailed(user.id(), FORGOT, "sealedCode", 0);
    }

    private static MutableHttpRequest<?> reset(String email) {
        return HttpRequest.POST("/password-reset", Map.of("email", email));
    }

    private static MutableHttpRequest<?> confirm(String email, String code, String password) {
        return HttpRequest.POST("/password-reset/confirm", Map.of("email", email, "code", code, "password", password));
    }
}
