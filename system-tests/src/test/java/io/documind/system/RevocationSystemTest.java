package io.documind.system;

import io.documind.localstack.KafkaBroker;
import io.documind.localstack.testing.TestInfrastructure;
import io.documind.system.Accounts.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Revocation at once, everywhere, exactly (issue 11), over the four packaged services: 50 changes that shrink
 * authority (a member removed, a member's roles changed, a password changed, an application's secret rotated, in
 * turn). After each change's 2xx, every service that takes the affected token is asked with it until it answers 401;
 * the time is recorded per service and printed as p50/p99 (target: p99 under 1 s). A token issued after the change,
 * where one can be, is accepted everywhere.
 */
class RevocationSystemTest {

    private static final int CHANGES = 50;
    private static final Duration TARGET_P99 = Duration.ofSeconds(1);
    /** Between two requests with the old token: the resolution of the figures, light on a small machine. */
    private static final Duration POLL = Duration.ofMillis(10);
    private static final String CLIENT = "revocation-m2m";
    private static final String SECRET = "revocation-secret-0123456789";

    private static KafkaBroker kafka;
    private static RunningService org;
    private static RunningService documents;
    private static RunningService invitations;
    private static RunningService notifications;
    private static String organizationId;
    private static final Map<String, List<Long>> refusalMillis = new LinkedHashMap<>();
    private static final ExecutorService probes = Executors.newFixedThreadPool(3);

    /** A GET route of one service that the token kind under test may call. */
    private record Probe(RunningService service, String path) {
        int status(String token) {
            return Http.get(service.baseUrl() + path, Http.bearer(token)).status();
        }
    }

    @BeforeAll
    static void start() {
        kafka = TestInfrastructure.kafka();
        org = RunningService.orgService(kafka, CLIENT, SECRET);
        documents = RunningService.trusting("document-service", org, kafka, Map.of());
        invitations = RunningService.trusting("invitation-service", org, kafka, Map.of());
        notifications = RunningService.notificationService(org, kafka, TestInfrastructure.mail(), Map.of());
        for (RunningService s : List.of(org, documents, invitations, notifications)) {
            refusalMillis.put(s.module(), Collections.synchronizedList(new ArrayList<>()));
        }
        Session admin = Accounts.signUp(org, "admin-" + tag() + "@example.com", "Admin");
        Http.Response created = Http.post(org.baseUrl() + "/organizations", Map.of("name", "Revocations"),
                Http.bearer(admin.accessToken));
        assertEquals(201, created.status(), created.body());
        organizationId = created.json().path("id").asText();
    }

    @AfterAll
    static void stop() {
        probes.shutdownNow();
        for (RunningService s : new RunningService[]{notifications, invitations, documents, org}) {
            if (s != null) {
                s.close();
            }
        }
        System.out.printf("%n== revocation: change's 2xx → first 401 with a token issued before it (target p99 < %d ms)%n",
                TARGET_P99.toMillis());
        System.out.printf("  %-22s %8s %8s %8s %8s%n", "service", "changes", "p50 ms", "p99 ms", "max ms");
        refusalMillis.forEach((service, millis) -> {
            List<Long> sorted = millis.stream().sorted().toList();
            if (!sorted.isEmpty()) {
                System.out.printf("  %-22s %8d %8d %8d %8d%n", service, sorted.size(), percentile(sorted, 50),
                        percentile(sorted, 99), sorted.getLast());
            }
        });
    }

    @Test
    void everyServiceRefusesTheTokensIssuedBeforeEachChangeAndAcceptsThoseIssuedAfter() {
        String management = Accounts.managementToken(org, CLIENT, SECRET);
        Member removed = new Member(management), demoted = new Member(management), renamed = new Member(management);
        demoted.join();
        renamed.join();
        Http.Response app = Http.post(org.baseUrl() + "/api/applications", Map.of("name", "Rotating", "managementAccess", true),
                Http.bearer(management));
        assertEquals(201, app.status(), app.body());
        String appId = app.json().path("id").asText();
        String appSecret = app.json().path("secret").asText();

        for (int i = 0; i < CHANGES; i++) {
            switch (i % 4) {
                case 0 -> {
                    String before = removed.join();
                    measure(before, memberProbes(), () -> Http.delete(org.baseUrl() + removed.path(), Http.bearer(management)));
                    assertNull(Accounts.tryOrganizationToken(org, removed.session, organizationId), "no longer a member");
                }
                case 1 -> {
                    String before = demoted.organizationToken();
                    String role = i % 8 == 1 ? "Collaborator" : "Member";
                    measure(before, memberProbes(), () -> Http.send("PUT", org.baseUrl() + demoted.path() + "/roles",
                            Map.of("organizationRoleNames", List.of(role)), Http.bearer(management)));
                    accepted(demoted.organizationToken(), memberProbes());
                }
                case 2 -> {
                    String before = renamed.organizationToken();
                    String password = "password-" + i + "-" + tag();
                    measure(before, memberProbes(), () -> Http.send("PATCH", org.baseUrl() + "/api/users/"
                            + renamed.session.userId, Map.of("password", password), Http.bearer(management)));
                    renamed.session = Accounts.signIn(org, renamed.session.userId, renamed.session.email, password);
                    accepted(renamed.organizationToken(), memberProbes());
                }
                default -> {
                    String before = Accounts.managementToken(org, appId, appSecret);
                    Http.Response[] rotated = new Http.Response[1];
                    measure(before, managementProbes(), () -> rotated[0] = Http.post(
                            org.baseUrl() + "/api/applications/" + appId + "/secrets", Map.of(), Http.bearer(management)));
                    appSecret = rotated[0].json().path("secret").asText();
                    accepted(Accounts.managementToken(org, appId, appSecret), managementProbes());
                }
            }
        }
        refusalMillis.forEach((service, millis) -> assertFalse(millis.isEmpty(), service + " was never measured"));
    }

    /** A user of the organization, added and given roles through the Management API. */
    private final class Member {
        private final String management;
        private Session session;

        Member(String management) {
            this.management = management;
            this.session = Accounts.signUp(org, "member-" + tag() + "@example.com", "Member");
        }

        String path() {
            return "/api/organizations/" + organizationId + "/users/" + session.userId;
        }

        /** Adds the user as a Member; returns an organization token issued after that. */
        String join() {
            Http.Response added = Http.post(org.baseUrl() + "/api/organizations/" + organizationId + "/users",
                    Map.of("userIds", List.of(session.userId)), Http.bearer(management));
            assertEquals(201, added.status(), added.body());
            Http.Response roles = Http.send("PUT", org.baseUrl() + path() + "/roles",
                    Map.of("organizationRoleNames", List.of("Member")), Http.bearer(management));
            assertTrue(roles.status() / 100 == 2, roles.body());
            return organizationToken();
        }

        String organizationToken() {
            String token = Accounts.tryOrganizationToken(org, session, organizationId);
            assertNotEquals(null, token, "a member gets an organization token");
            return token;
        }
    }

    private List<Probe> memberProbes() {
        return List.of(new Probe(org, "/organizations/" + organizationId + "/members"),
                new Probe(documents, "/documents"),
                new Probe(invitations, "/api/organization-invitations?organizationId=" + organizationId));
    }

    private List<Probe> managementProbes() {
        return List.of(new Probe(org, "/api/organizations?page_size=1"),
                new Probe(invitations, "/api/organization-invitations?organizationId=" + organizationId),
                new Probe(notifications, "/api/email-templates/OrganizationInvitation"));
    }

    /** The token works before the change; after the change's 2xx, each probe is asked until it answers 401. */
    private static void measure(String before, List<Probe> probes, java.util.function.Supplier<Http.Response> change) {
        accepted(before, probes);
        Http.Response done = change.get();
        long changed = System.nanoTime();
        assertTrue(done.status() / 100 == 2, done.status() + " " + done.body());
        List<CompletableFuture<Void>> refusals = probes.stream().map(p -> CompletableFuture.runAsync(() -> {
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(() -> p.status(before) == 401);
            refusalMillis.get(p.service().module()).add((System.nanoTime() - changed) / 1_000_000);
        }, RevocationSystemTest.probes)).toList();
        CompletableFuture.allOf(refusals.toArray(CompletableFuture[]::new)).join();
        Http.Response refused = Http.get(probes.getFirst().service().baseUrl() + probes.getFirst().path(),
                Http.bearer(before));
        assertTrue(refused.raw().headers().firstValue("WWW-Authenticate").orElseThrow()
                .contains("request a new token"), refused.body());
    }

    private static void accepted(String token, List<Probe> probes) {
        for (Probe p : probes) {
            assertNotEquals(401, p.status(token), p.service().module() + p.path());
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
