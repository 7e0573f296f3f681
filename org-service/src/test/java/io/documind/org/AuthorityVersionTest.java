package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.documind.org.application.ApplicationService;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authority versions (DESIGN §4): every shrink of a user's, member's or application's authority raises its version
 * in the change's own transaction, the change's event carries the new version, and every token issued after it
 * carries it. Over HTTP, with the events read back from Kafka and checked against their schemas.
 */
@MicronautTest(transactional = false)
class AuthorityVersionTest extends OrgServiceTest {

    private static final String MEMBER_ROLE = "00000000-0000-4000-8000-000000000002";
    private static final String COLLABORATOR_ROLE = "00000000-0000-4000-8000-000000000003";

    @Test
    void everyTokenCarriesTheVersionsItWasBuiltFrom() throws Exception {
        Account admin = signUp();
        JWTClaimsSet user = claimsOf(admin.accessToken());
        assertEquals(1L, user.getLongClaim("authority_version"));
        assertNull(user.getClaim("organization_authority_version"), "a user token is for no organization");

        String org = createOrganization(admin, "Versioned");
        JWTClaimsSet organization = claimsOf(organizationToken(admin, org));
        assertEquals(1L, organization.getLongClaim("authority_version"));
        assertEquals(1L, organization.getLongClaim("organization_authority_version"),
                "becoming a member (the creator's Admin role) shrinks nothing");

        JWTClaimsSet management = claimsOf(managementToken());
        assertEquals(1L, management.getLongClaim("authority_version"));
        assertNull(management.getClaim("organization_authority_version"));
    }

    @Test
    void everyRoleChangeRaisesTheMembersVersionAndItsEventAndNextTokenCarryIt() throws Exception {
        Account admin = signUp();
        Account member = signUp();
        String org = createOrganization(admin, "Roles");
        assertEquals(201, status(m(HttpRequest.POST(users(org), Map.of("userIds", List.of(member.id()))))));
        assertEquals(1L, organizationVersion(organizationToken(member, org)));

        List<Supplier<MutableHttpRequest<?>>> changes = List.of(
                () -> m(HttpRequest.POST(users(org) + "/" + member.id() + "/roles",
                        Map.of("organizationRoleNames", List.of("Member")))),
                () -> HttpRequest.PUT("/organizations/" + org + "/members/" + member.id() + "/roles",
                        Map.of("organizationRoleNames", List.of("Collaborator"))).bearerAuth(organizationToken(admin, org)),
                () -> m(HttpRequest.PUT(users(org) + "/" + member.id() + "/roles",
                        Map.of("organizationRoleIds", List.of(MEMBER_ROLE, COLLABORATOR_ROLE)))),
                () -> m(HttpRequest.DELETE(users(org) + "/" + member.id() + "/roles/" + MEMBER_ROLE)));
        long before = 1;
        for (Supplier<MutableHttpRequest<?>> change : changes) {
            assertTrue(status(change.get()) / 100 == 2);
            long after = organizationVersion(organizationToken(member, org));
            assertTrue(after > before, "the change raised the version: " + before + " → " + after);
            assertEquals(after, announcedAfter(org, "MemberRolesChanged", member, before),
                    "the event carries the token's version");
            before = after;
        }
        assertEquals(List.of("read:documents"), List.of(claimsOf(organizationToken(member, org)).getStringClaim("scope")));
        assertUntouched(admin, org, "another member's version is its own");
    }

    @Test
    void aTemplateEditThatCanTakeAuthorityFromMembersAnnouncesEachHolderWithARaisedVersion() throws Exception {
        Account admin = signUp();
        Account member = signUp();
        String org = createOrganization(admin, "Template");
        String tag = java.util.UUID.randomUUID().toString().substring(0, 6);
        List<String> scopeIds = java.util.stream.IntStream.range(0, 3).mapToObj(i -> json(http.toBlocking().retrieve(
                m(HttpRequest.POST("/api/organization-scopes", Map.of("name", "s" + i + ":" + tag)))))
                .path("id").asText()).toList();
        String role = json(http.toBlocking().retrieve(m(HttpRequest.POST("/api/organization-roles",
                Map.of("name", "Temp-" + tag, "organizationScopeIds", scopeIds))))).path("id").asText();
        assertEquals(201, status(m(HttpRequest.POST(users(org), Map.of("userIds", List.of(member.id()))))));
        assertEquals(201, status(m(HttpRequest.POST(users(org) + "/" + member.id() + "/roles",
                Map.of("organizationRoleIds", List.of(role))))));
        String roles = "/api/organization-roles/" + role;
        Map<String, Supplier<MutableHttpRequest<?>>> edits = new java.util.LinkedHashMap<>();
        edits.put("a scope taken from the role", () -> m(HttpRequest.DELETE(roles + "/scopes/" + scopeIds.get(0))));
        edits.put("a scope of the role renamed", () -> m(HttpRequest.PATCH("/api/organization-scopes/" + scopeIds.get(1),
                Map.of("name", "renamed:" + tag))));
        edits.put("a scope of the role deleted", () -> m(HttpRequest.DELETE("/api/organization-scopes/" + scopeIds.get(1))));
        edits.put("the role's scopes replaced", () -> m(HttpRequest.PUT(roles + "/scopes",
                Map.of("organizationScopeIds", List.of()))));
        edits.put("the role deleted", () -> m(HttpRequest.DELETE(roles)));
        long before = organizationVersion(organizationToken(member, org));
        for (Map.Entry<String, Supplier<MutableHttpRequest<?>>> edit : edits.entrySet()) {
            assertTrue(status(edit.getValue().get()) / 100 == 2, edit.getKey());
            long previous = before;
            before = announcedAfter(org, "MemberRolesChanged", member, previous);
            assertEquals(previous + 1, before, edit.getKey());
            assertEquals(before, organizationVersion(organizationToken(member, org)), edit.getKey());
        }
        assertEquals(List.of(), json(http.toBlocking().retrieve(m(HttpRequest.GET(users(org) + "/" + member.id()
                + "/roles")))).findValuesAsText("id"), "the deleted role left its holder, who is still a member");
        assertUntouched(admin, org, "a member not holding the role keeps its version");
    }

    @Test
    void everyWayOfLeavingRaisesTheVersionAndARejoinedMemberCarriesTheNewOne() throws Exception {
        Account admin = signUp();
        Account member = signUp();
        String org = createOrganization(admin, "Exits");
        Map<String, Runnable> removals = new java.util.LinkedHashMap<>();
        removals.put("removed by an admin", () -> assertEquals(204, status(HttpRequest.DELETE(
                "/organizations/" + org + "/members/" + member.id()).bearerAuth(organizationToken(admin, org)))));
        removals.put("leaving", () -> assertEquals(204, status(HttpRequest.DELETE(
                "/organizations/" + org + "/members/" + member.id()).bearerAuth(organizationToken(member, org)))));
        removals.put("removed by the Management API", () -> assertEquals(204, status(m(HttpRequest.DELETE(
                users(org) + "/" + member.id())))));
        removals.put("left out of the Management API's new member list", () -> assertEquals(204, status(m(
                HttpRequest.PUT(users(org), Map.of("userIds", List.of(admin.id())))))));
        long before = 1;
        for (Map.Entry<String, Runnable> removal : removals.entrySet()) {
            assertEquals(201, status(m(HttpRequest.POST(users(org), Map.of("userIds", List.of(member.id()))))));
            assertEquals(before, organizationVersion(organizationToken(member, org)), "rejoined at the newest version");
            removal.getValue().run();
            long previous = before;
            before = announcedAfter(org, "MembershipRemoved", member, previous);
            assertEquals(previous + 1, before, removal.getKey());
        }
        assertUntouched(admin, org, "the admin, who stayed, keeps its version");
    }

    @Test
    void deletingAUserEndsEachMembershipAndTheUserWithRaisedVersions() {
        Account admin = signUp();
        Account doomed = signUp();
        String first = createOrganization(admin, "First");
        String second = createOrganization(doomed, "Second");
        assertEquals(201, status(m(HttpRequest.POST(users(first), Map.of("userIds", List.of(doomed.id()))))));

        assertEquals(204, status(m(HttpRequest.DELETE("/api/users/" + doomed.id()))));
        for (String org : List.of(first, second)) {
            JsonNode removed = awaitEvent(() -> eventsOf(org), "MembershipRemoved",
                    e -> e.path("userId").asText().equals(doomed.id()));
            assertEquals(2L, removed.path("authorityVersion").asLong());
        }
        JsonNode deleted = awaitEvent(() -> platformEventsAbout(doomed.id()), "UserDeleted", e -> true);
        assertEquals(2L, deleted.path("authorityVersion").asLong());
        HttpClientResponseException refresh = failure(tokenRequest(form("grant_type", "refresh_token",
                "refresh_token", latestRefresh(doomed))));
        assertEquals("invalid_grant", json(body(refresh)).path("error").asText());
    }

    @Test
    void aPasswordChangeRaisesTheVersionAndEndsEverySignInBeforeIt() throws Exception {
        Account account = signUp();
        String otherSignIn = tokenResponse(form("grant_type", "password", "username", account.email(),
                "password", PASSWORD)).path("refresh_token").asText();
        String newPassword = "another horse 43";
        assertEquals(200, status(m(HttpRequest.PATCH("/api/users/" + account.id(), Map.of("password", newPassword)))));

        JsonNode changed = awaitEvent(() -> platformEventsAbout(account.id()), "PasswordChanged", e -> true);
        assertEquals(2L, changed.path("authorityVersion").asLong());
        for (String refresh : List.of(account.refreshToken(), otherSignIn)) {
            HttpClientResponseException ended = failure(tokenRequest(form("grant_type", "refresh_token",
                    "refresh_token", refresh)));
            assertEquals("invalid_grant", json(body(ended)).path("error").asText());
        }
        JsonNode signedIn = tokenResponse(form("grant_type", "password", "username", account.email(),
                "password", newPassword));
        assertEquals(2L, claimsOf(signedIn.path("access_token").asText()).getLongClaim("authority_version"));
        JsonNode refreshed = tokenResponse(form("grant_type", "refresh_token",
                "refresh_token", signedIn.path("refresh_token").asText()));
        assertEquals(2L, claimsOf(refreshed.path("access_token").asText()).getLongClaim("authority_version"),
                "a sign-in begun after the change goes on");
        assertFalse(types(platformEventsAbout(account.id())).contains("UserUpdated"), "a password is no profile change");
    }

    /**
     * Tokens carry the address ({@code email}, {@code email_verified}) and invitation acceptance trusts it: a new
     * address ends what was issued for the old one. A rename or a change of case only shrinks nothing.
     */
    @Test
    void anEmailChangeRaisesTheVersionAndEndsEverySignInBeforeIt() throws Exception {
        Account account = signUp();
        assertEquals(200, status(HttpRequest.GET("/me").bearerAuth(account.accessToken())));
        assertEquals(200, status(m(HttpRequest.PATCH("/api/users/" + account.id(),
                Map.of("name", "Renamed", "primaryEmail", account.email().toUpperCase(java.util.Locale.ROOT))))));
        JsonNode renamed = awaitEvent(() -> platformEventsAbout(account.id()), "UserUpdated", e -> true);
        assertTrue(renamed.path("authorityVersion").isMissingNode() || renamed.path("authorityVersion").isNull(),
                renamed.toString());

        String moved = "moved-" + account.email();
        assertEquals(200, status(m(HttpRequest.PATCH("/api/users/" + account.id(), Map.of("primaryEmail", moved)))));
        JsonNode changed = awaitEvent(() -> platformEventsAbout(account.id()), "UserUpdated",
                e -> e.path("email").asText().equals(moved));
        assertEquals(2L, changed.path("authorityVersion").asLong(), changed.toString());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                status(HttpRequest.GET("/me").bearerAuth(account.accessToken())) == 401);
        HttpClientResponseException ended = failure(tokenRequest(form("grant_type", "refresh_token",
                "refresh_token", account.refreshToken())));
        assertEquals("invalid_grant", json(body(ended)).path("error").asText());

        JsonNode signedIn = tokenResponse(form("grant_type", "password", "username", moved, "password", PASSWORD));
        JWTClaimsSet claims = claimsOf(signedIn.path("access_token").asText());
        assertEquals(2L, claims.getLongClaim("authority_version"));
        assertEquals(moved, claims.getStringClaim("email"));
        assertFalse(claims.getBooleanClaim("email_verified"), "the new address is unproved");
        assertEquals(200, status(HttpRequest.GET("/me").bearerAuth(signedIn.path("access_token").asText())));
    }

    @Test
    void aSuspendedUserGetsNoTokenOfAnyKindUntilTheSuspensionIsLifted() throws Exception {
        Account account = signUp();
        String org = createOrganization(account, "Suspended");
        String refresh = latestRefresh(account);
        JsonNode suspended = json(http.toBlocking().retrieve(m(HttpRequest.PATCH(
                "/api/users/" + account.id() + "/is-suspended", Map.of("isSuspended", true)))));
        assertTrue(suspended.path("isSuspended").asBoolean());
        JsonNode event = awaitEvent(() -> platformEventsAbout(account.id()), "UserSuspended", e -> true);
        assertEquals(2L, event.path("authorityVersion").asLong());

        List<Map<String, String>> grants = List.of(
                form("grant_type", "password", "username", account.email(), "password", PASSWORD),
                form("grant_type", "refresh_token", "refresh_token", refresh, "organization_id", org),
                form("grant_type", "refresh_token", "refresh_token", refresh));
        for (Map<String, String> grant : grants) {
            HttpClientResponseException refused = failure(tokenRequest(grant));
            assertEquals(400, refused.getStatus().getCode(), grant.toString());
            assertEquals("invalid_grant", json(body(refused)).path("error").asText(), grant.toString());
        }

        assertFalse(json(http.toBlocking().retrieve(m(HttpRequest.PATCH("/api/users/" + account.id() + "/is-suspended",
                Map.of("isSuspended", false))))).path("isSuspended").asBoolean());
        JsonNode again = tokenResponse(form("grant_type", "password", "username", account.email(), "password", PASSWORD));
        assertEquals(2L, claimsOf(again.path("access_token").asText()).getLongClaim("authority_version"));
        assertEquals(400, status(tokenRequest(form("grant_type", "refresh_token", "refresh_token", refresh))),
                "lifting the suspension does not bring back the sign-ins it ended");
        assertEquals(1, types(platformEventsAbout(account.id())).stream().filter("UserSuspended"::equals).count(),
                "lifting it shrinks nothing, so it announces nothing");

        for (Object bad : List.of(Map.of(), Map.of("isSuspended", true, "x", 1))) {
            assertEquals(400, status(m(HttpRequest.PATCH("/api/users/" + account.id() + "/is-suspended", bad))),
                    bad.toString());
        }
        assertEquals(404, status(m(HttpRequest.PATCH("/api/users/nobody/is-suspended", Map.of("isSuspended", true)))));
    }

    @Test
    void rotatingASecretOrDeletingAnApplicationRaisesItsVersion() throws Exception {
        JsonNode app = json(http.toBlocking().retrieve(m(HttpRequest.POST("/api/applications",
                Map.of("name", "Robot", "managementAccess", true)))));
        String id = app.path("id").asText();
        String secret = app.path("secret").asText();
        assertEquals(1L, claimsOf(clientToken(id, secret)).getLongClaim("authority_version"));

        String rotated = json(http.toBlocking().retrieve(m(HttpRequest.POST("/api/applications/" + id + "/secrets", Map.of()))))
                .path("secret").asText();
        JsonNode rotation = awaitEvent(() -> platformEventsAbout(id), "ApplicationSecretRotated", e -> true);
        assertEquals(2L, rotation.path("authorityVersion").asLong());
        assertEquals(401, status(tokenRequest(form("grant_type", "client_credentials", "client_id", id,
                "client_secret", secret))));
        assertEquals(2L, claimsOf(clientToken(id, rotated)).getLongClaim("authority_version"));

        assertEquals(204, status(m(HttpRequest.DELETE("/api/applications/" + id))));
        JsonNode deleted = awaitEvent(() -> platformEventsAbout(id), "ApplicationDeleted", e -> true);
        assertEquals(3L, deleted.path("authorityVersion").asLong());
        assertEquals(401, status(tokenRequest(form("grant_type", "client_credentials", "client_id", id,
                "client_secret", rotated))));
    }

    @Inject
    ApplicationService applications;

    @Test
    void aConfiguredSecretThatChangedAtStartIsARotation() {
        String id = "configured-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        applications.registerManagement(id, "Configured", "first-secret-0123456789");
        applications.registerManagement(id, "Configured", "first-secret-0123456789");
        applications.registerManagement(id, "Configured", "second-secret-0123456789");
        JsonNode rotation = awaitEvent(() -> platformEventsAbout(id), "ApplicationSecretRotated", e -> true);
        assertEquals(2L, rotation.path("authorityVersion").asLong(), "the unchanged secret rotated nothing");
    }

    @Test
    void creatingAUserAndChangingItsProfileAreAnnounced() {
        Account signedUp = signUp();
        JsonNode created = awaitEvent(() -> platformEventsAbout(signedUp.id()), "UserCreated", e -> true);
        assertEquals(signedUp.email(), created.path("email").asText());
        assertEquals("User " + signedUp.email(), created.path("name").asText());
        assertFalse(created.path("emailVerified").asBoolean());

        String email = "managed-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String id = json(http.toBlocking().retrieve(m(HttpRequest.POST("/api/users",
                Map.of("primaryEmail", email, "name", "Managed"))))).path("id").asText();
        assertEquals(email, awaitEvent(() -> platformEventsAbout(id), "UserCreated", e -> true).path("email").asText());

        String renamed = "Renamed-" + email;
        assertEquals(200, status(m(HttpRequest.PATCH("/api/users/" + id, Map.of("name", "Renamed", "primaryEmail", renamed)))));
        JsonNode updated = awaitEvent(() -> platformEventsAbout(id), "UserUpdated", e -> true);
        assertEquals(renamed, updated.path("email").asText());
        assertEquals("Renamed", updated.path("name").asText());
    }

    @Test
    void aTokenNeverCarriesAVersionNewerThanTheScopesItWasBuiltFrom() throws Exception {
        Account admin = signUp();
        Account member = signUp();
        String org = createOrganization(admin, "Racing");
        assertEquals(201, status(m(HttpRequest.POST(users(org), Map.of("userIds", List.of(member.id()))))));
        String management = managementToken();
        // Each token taker has its own sign-in: one refresh token used by two threads would be a reuse.
        List<String> signIns = java.util.stream.IntStream.range(0, 2).mapToObj(i -> tokenResponse(form("grant_type",
                "password", "username", member.email(), "password", PASSWORD)).path("refresh_token").asText()).toList();
        java.util.concurrent.atomic.AtomicBoolean flipping = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<JWTClaimsSet> taken = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(signIns.size())) {
            List<java.util.concurrent.Future<?>> takers = signIns.stream().map(first -> pool.submit(() -> {
                String refresh = first;
                while (flipping.get()) {
                    JsonNode r = tokenResponse(form("grant_type", "refresh_token", "refresh_token", refresh,
                            "organization_id", org));
                    refresh = r.path("refresh_token").asText();
                    taken.add(claimsOf(r.path("access_token").asText()));
                }
                return null;
            })).collect(java.util.stream.Collectors.toList());
            for (int i = 0; i < 30; i++) {
                String role = i % 2 == 0 ? "Admin" : "Collaborator";
                assertEquals(204, status(HttpRequest.PUT(users(org) + "/" + member.id() + "/roles",
                        Map.of("organizationRoleNames", List.of(role))).bearerAuth(management)));
            }
            flipping.set(false);
            for (var taker : takers) {
                taker.get();
            }
        }
        // What the member held at each version, from the events that announced them (none held at version 1).
        Map<Long, String> held = new java.util.HashMap<>(Map.of(1L, ""));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            eventsOf(org).stream().filter(e -> e.path("type").asText().equals("MemberRolesChanged"))
                    .map(e -> e.path("data")).filter(d -> d.path("userId").asText().equals(member.id()))
                    .forEach(d -> held.put(d.path("authorityVersion").asLong(), scopes(d)));
            return held.size() == 31;
        });
        assertTrue(taken.size() > 10, "tokens were taken while the roles changed: " + taken.size());
        for (JWTClaimsSet token : taken) {
            long version = token.getLongClaim("organization_authority_version");
            assertEquals(held.get(version), sorted(token.getStringClaim("scope")),
                    "the token's scopes are those of its version " + version);
        }
    }

    private static String scopes(JsonNode data) {
        List<String> names = new java.util.ArrayList<>();
        data.path("scopes").forEach(n -> names.add(n.asText()));
        return sorted(String.join(" ", names));
    }

    private static String sorted(String scopes) {
        return java.util.Arrays.stream(scopes.split(" ")).filter(x -> !x.isEmpty()).sorted()
                .collect(java.util.stream.Collectors.joining(" "));
    }

    private String clientToken(String id, String secret) {
        return tokenResponse(form("grant_type", "client_credentials", "client_id", id, "client_secret", secret))
                .path("access_token").asText();
    }

    /** The member's version in the organization was never raised. */
    private void assertUntouched(Account member, String org, String why) throws ParseException {
        assertEquals(1L, organizationVersion(organizationToken(member, org)), why);
    }

    private <T> MutableHttpRequest<T> m(MutableHttpRequest<T> request) {
        return request.bearerAuth(managementToken());
    }

    private static String users(String org) {
        return "/api/organizations/" + org + "/users";
    }

    private static long organizationVersion(String token) throws ParseException {
        return claimsOf(token).getLongClaim("organization_authority_version");
    }

    /** The version announced by the member's first event of that type above {@code previous}, once on Kafka. */
    private static long announcedAfter(String org, String type, Account member, long previous) {
        return awaitEvent(() -> eventsOf(org), type, e -> e.path("userId").asText().equals(member.id())
                && e.path("authorityVersion").asLong() > previous).path("authorityVersion").asLong();
    }

    /** The data of the first event of that type matching the filter, once it is on Kafka. */
    private static JsonNode awaitEvent(Supplier<List<JsonNode>> events, String type,
                                       java.util.function.Predicate<JsonNode> data) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> events.get().stream()
                        .filter(e -> type.equals(e.path("type").asText()) && data.test(e.path("data")))
                        .findFirst().map(e -> e.path("data")), java.util.Optional::isPresent)
                .orElseThrow();
    }
}
