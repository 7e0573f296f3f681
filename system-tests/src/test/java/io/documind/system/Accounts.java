package io.documind.system;

import io.documind.localstack.MailServer;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Users and tokens through org-service's public API, as a client application gets them. */
final class Accounts {

    static final String PASSWORD = "correct horse 42";

    /** A signed-in user; the refresh token rotates with each use. */
    static final class Session {
        final String userId;
        final String email;
        final String accessToken;
        String refreshToken;

        Session(String userId, String email, String accessToken, String refreshToken) {
            this.userId = userId;
            this.email = email;
            this.accessToken = accessToken;
            this.refreshToken = refreshToken;
        }
    }

    private Accounts() {
    }

    /**
     * Sign-up, then the address proved with the emailed code, signed in again so that the token carries
     * {@code email_verified} (what accepting an invitation needs).
     */
    static Session signUpVerified(RunningService org, MailServer mail, String email, String name) {
        Session unproved = signUp(org, email, name);
        String code = InvitationMails.verificationCode(await().atMost(Duration.ofSeconds(60))
                .until(() -> mail.messagesFor(email).stream().filter(InvitationMails::isVerification).findFirst(),
                        java.util.Optional::isPresent).get());
        Http.Response verified = Http.post(org.baseUrl() + "/me/email-verification", Map.of("code", code),
                Http.bearer(unproved.accessToken));
        assertEquals(200, verified.status(), verified.body());
        return signIn(org, unproved.userId, email, PASSWORD);
    }

    /** Self-service sign-up, then the password grant. */
    static Session signUp(RunningService org, String email, String name) {
        Http.Response created = Http.post(org.baseUrl() + "/sign-up",
                Map.of("email", email, "password", PASSWORD, "name", name), Map.of());
        assertEquals(201, created.status(), created.body());
        return signIn(org, created.json().path("id").asText(), email, PASSWORD);
    }

    /** The password grant for an existing user. */
    static Session signIn(RunningService org, String userId, String email, String password) {
        Http.Response r = Http.postForm(org.baseUrl() + "/oidc/token",
                Map.of("grant_type", "password", "username", email, "password", password));
        assertEquals(200, r.status(), r.body());
        return new Session(userId, email, r.json().path("access_token").asText(),
                r.json().path("refresh_token").asText());
    }

    /** An organization token, or null while the user is not (yet) a member; keeps the rotated refresh token. */
    static String tryOrganizationToken(RunningService org, Session session, String organizationId) {
        Http.Response r = Http.postForm(org.baseUrl() + "/oidc/token", Map.of("grant_type", "refresh_token",
                "refresh_token", session.refreshToken, "organization_id", organizationId));
        if (r.status() != 200) {
            return null;
        }
        session.refreshToken = r.json().path("refresh_token").asText();
        return r.json().path("access_token").asText();
    }

    /** A Management API token for a machine-to-machine application (client_credentials). */
    static String managementToken(RunningService org, String clientId, String clientSecret) {
        Http.Response r = Http.postForm(org.baseUrl() + "/oidc/token", Map.of("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", clientSecret));
        assertEquals(200, r.status(), r.body());
        return r.json().path("access_token").asText();
    }
}
