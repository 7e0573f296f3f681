package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.contracts.events.EmailCodeRequested;
import io.documind.org.limits.RequestLimits;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Abuse limits (OWASP API4) over real HTTP and PostgreSQL, each caller on its own loopback address (127.0.0.0/8 is
 * all loopback on Linux, and the limits count the TCP peer): sign-ups per client address, organizations per user
 * and a cap on those a user created, emailed codes per user and per client address. A refusal is a 429 problem
 * with Retry-After and writes nothing: no row, no event in the outbox.
 */
@MicronautTest(transactional = false)
class AbuseLimitsTest extends OrgServiceTest {

    private static final int SIGN_UPS = 3;

    @Inject
    EmbeddedServer server;
    @Inject
    DataSource dataSource;
    @Inject
    RequestLimits limits;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("documind.limits.sign-ups-per-client-address", String.valueOf(SIGN_UPS));
        p.put("documind.limits.organizations-per-user", "4");
        p.put("documind.limits.organizations-per-creator", "2");
        p.put("documind.limits.code-emails-per-user", "2");
        p.put("documind.limits.code-emails-per-client-address", "3");
        p.put("documind.identity.email-codes.resend-cooldown", "0s"); // the budgets, not the cooldown, are tested
        p.put("documind.limits.code-checks-per-account", "3");
        p.put("documind.limits.code-checks-per-client-address", "5");
        p.put("documind.limits.code-checks-per-jit-domain", "3");
        return p;
    }

    @Test
    void aSignUpFloodFromOneAddressIsRefusedBeforeAnythingIsWrittenWhileOthersStillSignUp() {
        for (int i = 0; i < SIGN_UPS; i++) {
            assertEquals(201, signUpFrom("127.0.0.2", newEmail()).statusCode());
        }
        String refusedEmail = newEmail();
        HttpResponse<String> refused = signUpFrom("127.0.0.2", refusedEmail);
        assertTooManyRequests(refused);
        assertEquals(0, count("SELECT count(*) FROM app_user WHERE email = ?", refusedEmail), "no user written");
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE payload LIKE ?", "%" + refusedEmail + "%"),
                "no event either");
        assertEquals(201, signUpFrom("127.0.0.3", newEmail()).statusCode(), "another address still signs up");
    }

    /** N + k sign-ups at once from one address: exactly N get through, as the count is one locked upsert. */
    @Test
    void parallelSignUpsFromOneAddressAdmitExactlyTheLimit() throws Exception {
        List<Integer> statuses;
        try (var pool = Executors.newFixedThreadPool(SIGN_UPS + 3)) {
            List<Callable<Integer>> signUps = IntStream.range(0, SIGN_UPS + 3)
                    .<Callable<Integer>>mapToObj(i -> () -> signUpFrom("127.0.0.5", newEmail()).statusCode()).toList();
            List<Integer> answers = new java.util.ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(signUps)) {
                answers.add(f.get());
            }
            statuses = answers;
        }
        assertEquals(SIGN_UPS, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(3, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
    }

    /**
     * Organizations per user: a rate (4 per window here) and a cap on those it created that still exist (2 here,
     * 422: waiting does not help, deleting one does). Neither refusal writes the organization or its event.
     */
    @Test
    void organizationCreationIsCappedAndRateLimitedPerUser() {
        Account creator = signUp(); // from 127.0.0.1, which no other test here signs up from
        String first = create(creator, "Cap 1").path("id").asText();
        create(creator, "Cap 2");
        HttpResponse<String> capped = post("127.0.0.1", "/organizations", "{\"name\":\"Cap 3\"}", creator.accessToken());
        assertEquals(422, capped.statusCode(), capped.body());
        assertEquals(2, createdBy(creator), "nothing written over the cap");

        assertEquals(204, status(io.micronaut.http.HttpRequest.DELETE("/api/organizations/" + first)
                .bearerAuth(managementToken())), "deleting one frees a place");
        create(creator, "Cap 4"); // the 4th creation this window
        assertTooManyRequests(post("127.0.0.1", "/organizations", "{\"name\":\"Cap 5\"}", creator.accessToken()));
        assertEquals(2, createdBy(creator), "nothing written over the rate");
        assertEquals(3, count("SELECT count(*) FROM outbox_event WHERE event_type = 'OrganizationCreated' "
                + "AND payload LIKE ?", "%" + creator.id() + "%"), "an event per organization created, none refused");
    }

    /**
     * Emailed codes: 2 per user and 3 per client address here, whatever the purpose (verification resends and
     * password resets share them). Over either, 429 and no EmailCodeRequested.
     */
    @Test
    void emailedCodesHaveABudgetPerUserAndPerClientAddress() {
        Account a = accountFrom("127.0.0.6");
        Account b = accountFrom("127.0.0.6");
        assertEquals(202, resendFrom("127.0.0.7", a).statusCode());
        assertEquals(202, resendFrom("127.0.0.7", a).statusCode());
        assertTooManyRequests(resendFrom("127.0.0.7", a));
        assertEquals(3, codeEmails(a), "its sign-up's and two resends");
        assertTooManyRequests(post("127.0.0.8", "/password-reset", "{\"email\":\"" + a.email() + "\"}", null));
        assertEquals(3, codeEmails(a), "a password reset draws on the same budget");

        assertTooManyRequests(resendFrom("127.0.0.7", b)); // the address's 4th
        assertEquals(1, codeEmails(b), "its sign-up's only");
        assertEquals(202, resendFrom("127.0.0.9", b).statusCode(), "from another address it may");
        assertEquals(2, codeEmails(b));
    }

    /**
     * Codes tried: 3 per account and 5 per client address here, whatever codes the account was sent. Spelling the
     * address otherwise or trying from elsewhere draws on the account's budget; over it even the right code is
     * refused (429) and changes nothing.
     */
    @Test
    void codeGuessesHaveABudgetPerAccountAndPerClientAddress() {
        Account a = accountFrom("127.0.0.10");
        assertEquals(202, post("127.0.0.11", "/password-reset", emailJson(a.email()), null).statusCode());
        String code = emailed(a.id(), EmailCodeRequested.FORGOT_PASSWORD, "sealedCode", 0);
        String wrong = EmailVerificationTest.wrongCode(code);
        assertEquals(400, resetConfirmFrom("127.0.0.12", a.email(), wrong).statusCode());
        assertEquals(400, resetConfirmFrom("127.0.0.12", a.email().toUpperCase(Locale.ROOT), wrong).statusCode());
        assertEquals(400, resetConfirmFrom("127.0.0.13", "A" + a.email().substring(1), wrong).statusCode());
        assertTooManyRequests(resetConfirmFrom("127.0.0.14", a.email(), code));
        assertEquals(200, status(tokenRequest(form("grant_type", "password", "username", a.email(),
                "password", PASSWORD))), "the refused right code changed nothing");

        for (int i = 0; i < 5; i++) {
            assertEquals(400, resetConfirmFrom("127.0.0.15", newEmail(), "123456").statusCode());
        }
        assertTooManyRequests(resetConfirmFrom("127.0.0.15", newEmail(), "123456"));

        Account b = accountFrom("127.0.0.16");
        String registerCode = emailed(b.id(), EmailCodeRequested.REGISTER, "sealedCode", 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(400, verifyFrom("127.0.0.17", b, EmailVerificationTest.wrongCode(registerCode)).statusCode());
        }
        assertTooManyRequests(verifyFrom("127.0.0.18", b, registerCode));
        assertEquals(0, count("SELECT count(*) FROM app_user WHERE id = ? AND email_verified", b.id()),
                "still unproved");
    }

    /**
     * Verification and password-reset codes tried at a domain an organization joins just in time: 3 here across
     * every account there, each from its own client address (proving any one address there joins the organization,
     * so a guesser would spread over many). Over it even the right code is refused and proves nothing; the emailed
     * link still proves the address, and accounts at other domains are not held back.
     */
    @Test
    void verificationCodesAtAJoiningDomainHaveABudgetAcrossAccounts() {
        String domain = "joins-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String org = json(http.toBlocking().retrieve(io.micronaut.http.HttpRequest.POST("/api/organizations",
                Map.of("name", "Joins")).bearerAuth(managementToken()))).path("id").asText();
        assertEquals(201, status(io.micronaut.http.HttpRequest.POST("/api/organizations/" + org
                + "/jit/email-domains", Map.of("emailDomain", domain)).bearerAuth(managementToken())));

        for (int i = 0; i < 3; i++) {
            Account guesser = accountFrom("127.0.0.3" + i, "g" + i + "@" + domain);
            String code = emailed(guesser.id(), EmailCodeRequested.REGISTER, "sealedCode", 0);
            assertEquals(400, verifyFrom("127.0.0.4" + i, guesser, EmailVerificationTest.wrongCode(code)).statusCode());
        }
        Account owner = accountFrom("127.0.0.35", "owner@" + domain);
        String code = emailed(owner.id(), EmailCodeRequested.REGISTER, "sealedCode", 0);
        assertTooManyRequests(verifyFrom("127.0.0.45", owner, code));
        assertEquals(0, count("SELECT count(*) FROM app_user WHERE id = ? AND email_verified", owner.id()),
                "the refused right code proved nothing");

        Account elsewhere = accountFrom("127.0.0.36");
        String theirs = emailed(elsewhere.id(), EmailCodeRequested.REGISTER, "sealedCode", 0);
        assertEquals(200, verifyFrom("127.0.0.46", elsewhere, theirs).statusCode(), "another domain's account");

        // A password reset's right code proves the address too: the same budget.
        Account resetting = accountFrom("127.0.0.37", "r@" + domain);
        assertEquals(202, post("127.0.0.47", "/password-reset", emailJson(resetting.email()), null).statusCode());
        String resetCode = emailed(resetting.id(), EmailCodeRequested.FORGOT_PASSWORD, "sealedCode", 0);
        assertTooManyRequests(resetConfirmFrom("127.0.0.48", resetting.email(), resetCode));
        assertEquals(0, count("SELECT count(*) FROM app_user WHERE id = ? AND email_verified", resetting.id()));

        String link = emailed(owner.id(), EmailCodeRequested.REGISTER, "sealedLink", 0);
        String secret = link.substring(link.indexOf("token=") + "token=".length());
        assertEquals(200, post("127.0.0.45", "/me/email-verification", "{\"token\":\"" + secret + "\"}",
                owner.accessToken()).statusCode(), "the link needs no code");
    }

    private HttpResponse<String> verifyFrom(String address, Account user, String code) {
        return post(address, "/me/email-verification", "{\"code\":\"" + code + "\"}", user.accessToken());
    }

    /**
     * PostgreSQL finds accounts with {@code lower(email)}, which here folds a dotted capital I into a plain i; Java's
     * case mapping, which limits are keyed by, does not. Such a spelling must reach no account (else it would bring
     * a fresh budget of password guesses and reset codes to it): no token, no code.
     */
    @Test
    void aSpellingOnlyTheDatabaseFoldsIntoAnAccountReachesNoAccount() {
        String tail = UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String email = "tim" + tail;
        String variant = "t\u0130m" + tail;
        HttpResponse<String> created = signUpFrom("127.0.0.19", email);
        assertEquals(201, created.statusCode(), created.body());
        Account tim = new Account(json(created.body()).path("id").asText(), email, null, null);
        assertEquals(1, count("SELECT count(*) FROM app_user WHERE lower(email) = lower(?)", variant),
                "this database's lower() folds the variant into the account, the case under test");

        assertEquals(400, status(tokenRequest(form("grant_type", "password", "username", variant,
                "password", PASSWORD))), "the right password under the variant spelling");
        assertEquals(202, post("127.0.0.20", "/password-reset", emailJson(variant), null).statusCode());
        assertEquals(202, post("127.0.0.20", "/password-reset", emailJson(email), null).statusCode());
        String code = emailed(tim.id(), EmailCodeRequested.FORGOT_PASSWORD, "sealedCode", 0);
        assertEquals(2, codeEmails(tim), "its sign-up's and the reset asked under its own spelling only");
        assertEquals(400, resetConfirmFrom("127.0.0.21", variant, code).statusCode(), "nothing waits for the variant");
        assertEquals(200, status(tokenRequest(form("grant_type", "password", "username", email,
                "password", PASSWORD))), "the password stays");
    }

    private HttpResponse<String> resetConfirmFrom(String address, String email, String code) {
        return post(address, "/password-reset/confirm", "{\"email\":\"" + email + "\",\"code\":\"" + code
                + "\",\"password\":\"a new passphrase 7\"}", null);
    }

    private static String emailJson(String email) {
        return "{\"email\":\"" + email + "\"}";
    }

    /** Counts are pruned once no window could still need them: the table stays as small as its live windows. */
    @Test
    void windowsLongOverArePruned() {
        String old = "old:" + UUID.randomUUID();
        String live = "live:" + UUID.randomUUID();
        limits.take(live, 1, Duration.ofMinutes(1));
        count("INSERT INTO request_limit (key, window_start, count) VALUES (?, now() - interval '3 days', 1) "
                + "RETURNING 1", old);
        limits.forgetOldWindows();
        assertEquals(0, count("SELECT count(*) FROM request_limit WHERE key = ?", old));
        assertEquals(1, count("SELECT count(*) FROM request_limit WHERE key = ?", live));
    }

    private JsonNode create(Account creator, String name) {
        HttpResponse<String> created = post("127.0.0.1", "/organizations", "{\"name\":\"" + name + "\"}",
                creator.accessToken());
        assertTrue(created.statusCode() == 201 || created.statusCode() == 202, created.body());
        return json(created.body());
    }

    private long createdBy(Account creator) {
        return count("SELECT count(*) FROM organization WHERE created_by = ?", creator.id());
    }

    private long codeEmails(Account user) {
        return count("SELECT count(*) FROM outbox_event WHERE event_type = 'EmailCodeRequested' AND payload LIKE ?",
                "%" + user.id() + "%");
    }

    private static void assertTooManyRequests(HttpResponse<String> refused) {
        assertEquals(429, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L) >= 1,
                "Retry-After in whole seconds");
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(429, json(refused.body()).path("status").asInt());
    }

    private static String newEmail() {
        return "a" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private Account accountFrom(String address) {
        return accountFrom(address, newEmail());
    }

    private Account accountFrom(String address, String email) {
        HttpResponse<String> created = signUpFrom(address, email);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode tokens = tokenResponse(form("grant_type", "password", "username", email, "password", PASSWORD));
        return new Account(json(created.body()).path("id").asText(), email, tokens.path("access_token").asText(),
                tokens.path("refresh_token").asText());
    }

    private HttpResponse<String> signUpFrom(String address, String email) {
        return post(address, "/sign-up", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"name\":\"Flood\"}", null);
    }

    private HttpResponse<String> resendFrom(String address, Account user) {
        return post(address, "/me/email-verification/resend", "", user.accessToken());
    }

    /** POST a JSON body from the given local address. */
    private HttpResponse<String> post(String from, String path, String body, String bearer) {
        try {
            HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(from))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, String parameter) {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
