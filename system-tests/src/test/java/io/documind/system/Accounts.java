package io.documind.system;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

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
