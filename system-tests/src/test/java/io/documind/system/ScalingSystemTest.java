package io.documind.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.contracts.Topics;
import io.documind.localstack.KafkaBroker;
import io.documind.localstack.MailServer;
import io.documind.localstack.testing.TestInfrastructure;
import io.documind.localstack.testing.TopicReader;
import io.documind.system.Accounts.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scaling out, black-box: org-service, two instances of invitation-service on one database and one consumer group,
 * two of notification-service likewise, real Kafka, PostgreSQL and SMTP. A stream of organizations, invitations
 * (spread over both invitation instances), acceptances and expiries is driven through the public APIs; mid-stream
 * one instance of each scaled service is stopped with SIGTERM, the stream goes on against the other, and the
 * stopped ones are started again. Every event is handled exactly once in effect (one email per invitation and per
 * acceptance, one membership per acceptance, one InvitationExpired per expiry, both expiry sweepers running) and
 * nothing is lost to the stop.
 */
class ScalingSystemTest {

    private static final int ORGANIZATIONS = 6;
    /** Long enough for the invitation email to go out first (an expiry cancels mail still waiting). */
    private static final Duration EXPIRY = Duration.ofSeconds(20);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int SIGTERM_EXIT = 143;
    /** The services' default bound on a stop (DOCUMIND_SHUTDOWN_TIMEOUT). */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(25);
    private static final String CLIENT = "scaling-m2m";
    private static final String SECRET = "scaling-secret-0123456789";

    private static KafkaBroker kafka;
    private static MailServer mail;
    private static RunningService org;
    private static RunningService invitationsA;
    private static RunningService invitationsB;
    private static RunningService notificationsA;
    private static RunningService notificationsB;
    private static final Map<String, Long> timings = new LinkedHashMap<>();
    /** Starting a service blocks until it is ready: one thread each, so they start side by side. */
    private static final ExecutorService starter = Executors.newVirtualThreadPerTaskExecutor();

    /** What the test intends for an invitation. */
    private enum Fate { ACCEPTED, EXPIRED, PENDING }

    private static final class Tenant {
        final String id;
        final Session owner;
        String token;

        Tenant(String id, Session owner) {
            this.id = id;
            this.owner = owner;
        }
    }

    private static final class Invitation {
        final String id;
        final Tenant tenant;
        final String invitee;
        final Fate fate;
        String acceptedBy;

        Invitation(String id, Tenant tenant, String invitee, Fate fate) {
            this.id = id;
            this.tenant = tenant;
            this.invitee = invitee;
            this.fate = fate;
        }
    }

    /** How a stopped instance ended: its exit status and how long after SIGTERM. */
    private record Stopped(String name, OptionalInt exit, long millis) {
    }

    private volatile List<RunningService> serving;
    private int requests;
    private final List<String> work = new ArrayList<>();

    @BeforeAll
    static void start() {
        long started = System.nanoTime();
        kafka = TestInfrastructure.kafka();
        mail = TestInfrastructure.mail();
        org = RunningService.orgService(kafka, CLIENT, SECRET);
        Map<String, String> invitationSettings = Map.of("DOCUMIND_INVITATION_SWEEP_INTERVAL", "1s");
        // One sealing key for all instances: mail recorded by one may be sent by another (README, Scaling).
        Map<String, String> notificationSettings = Map.of("DOCUMIND_NOTIFICATION_SEALING_KEY", sealingKey());
        List<RunningService> first = together(
                () -> RunningService.trusting("invitation-service", org, kafka, invitationSettings),
                () -> RunningService.notificationService(org, kafka, mail, notificationSettings));
        invitationsA = first.get(0);
        notificationsA = first.get(1);
        List<RunningService> second = together(() -> invitationsA.sibling("b"), () -> notificationsA.sibling("b"));
        invitationsB = second.get(0);
        notificationsB = second.get(1);
        timings.put("start 5 services", millisSince(started));
    }

    @AfterAll
    static void stop() {
        for (RunningService s : new RunningService[]{notificationsB, notificationsA, invitationsB, invitationsA, org}) {
            if (s != null) {
                s.close();
            }
        }
        starter.shutdown();
    }

    @Test
    void everyEventIsHandledOnceInEffectAcrossTwoInstancesAndAStopMidStreamLosesNothing() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String management = Accounts.managementToken(org, CLIENT, SECRET);
        serving = List.of(invitationsA, invitationsB);
        long driving = System.nanoTime();

        List<Tenant> tenants = new ArrayList<>();
        for (int i = 0; i < ORGANIZATIONS; i++) {
            Session owner = Accounts.signUp(org, "owner-" + i + "-" + tag + "@example.com", "Owner " + i);
            Http.Response created = Http.post(org.baseUrl() + "/organizations",
                    Map.of("name", "Scale " + i + " " + tag), Http.bearer(owner.accessToken));
            assertEquals(201, created.status(), created.body());
            tenants.add(new Tenant(created.json().path("id").asText(), owner));
        }
        for (Tenant t : tenants) { // OrganizationCreated → the creator is Admin
            t.token = await().atMost(WAIT)
                    .until(() -> Accounts.tryOrganizationToken(org, t.owner, t.id), Objects::nonNull);
        }

        // First wave, over both invitation instances.
        List<Invitation> invitations = new ArrayList<>();
        Instant expiresAt = Instant.now().plus(EXPIRY);
        for (Tenant t : tenants) {
            invitations.add(invite(t, Fate.ACCEPTED, null, tag, invitations.size()));
            // Spread over a few seconds, so both sweepers (every second) find some due.
            expiresAt = expiresAt.plusMillis(700);
            invitations.add(invite(t, Fate.EXPIRED, expiresAt, tag, invitations.size()));
            invitations.add(invite(t, Fate.PENDING, null, tag, invitations.size()));
        }

        // Mid-stream: SIGTERM to one instance of each; the load balancer sends what follows to the others.
        work.add(work(invitationsA) + "  (until its stop)");
        work.add(work(notificationsA) + "  (until its stop)");
        CompletableFuture<Stopped> invitationsStopped = terminate(invitationsA);
        CompletableFuture<Stopped> notificationsStopped = terminate(notificationsA);
        serving = List.of(invitationsB);
        for (Tenant t : tenants) {
            invitations.add(invite(t, Fate.ACCEPTED, null, tag, invitations.size()));
            invitations.add(invite(t, Fate.PENDING, null, tag, invitations.size()));
        }
        for (CompletableFuture<Stopped> stopping : List.of(invitationsStopped, notificationsStopped)) {
            Stopped stopped = stopping.join();
            assertEquals(OptionalInt.of(SIGTERM_EXIT), stopped.exit(), stopped.name() + " stopped by itself, cleanly");
            assertTrue(stopped.millis() < SHUTDOWN_TIMEOUT.toMillis(), stopped.name() + " stopped within its bound");
            timings.put("SIGTERM → exit, " + stopped.name(), stopped.millis());
        }

        // They come back while invitees accept (their emails name the invitation and carry its secret).
        long restarting = System.nanoTime();
        CompletableFuture<Long> restarted = CompletableFuture.supplyAsync(() -> {
            together(() -> restart(invitationsA), () -> restart(notificationsA));
            return millisSince(restarting);
        }, starter);
        List<Invitation> toAccept = invitations.stream().filter(i -> i.fate == Fate.ACCEPTED).toList();
        int half = toAccept.size() / 2;
        toAccept.subList(0, half).forEach(this::accept);
        timings.put("restart both (a) instances, while accepting", restarted.join());
        serving = List.of(invitationsA, invitationsB);
        toAccept.subList(half, toAccept.size()).forEach(this::accept);
        timings.put("drive: organizations, invitations, stop, acceptances", millisSince(driving));

        // Everything expected arrives ...
        long converging = System.nanoTime();
        Map<String, Integer> expectedMail = expectedMail(tenants, invitations);
        await().atMost(WAIT).until(() -> expectedMail.entrySet().stream()
                .allMatch(e -> organizationMail(e.getKey()).size() >= e.getValue()));
        await().atMost(WAIT).until(() -> events(Topics.INVITATION_EVENTS, tenants).stream()
                .filter(e -> e.path("type").asText().equals("InvitationExpired")).count()
                >= invitations.stream().filter(i -> i.fate == Fate.EXPIRED).count());
        for (Tenant t : tenants) {
            int members = 1 + (int) invitations.stream().filter(i -> i.tenant == t && i.fate == Fate.ACCEPTED).count();
            await().atMost(WAIT).until(() -> members(t, management).size() >= members);
            // ... and nothing more is on its way: no email of theirs is still pending anywhere.
            await().atMost(WAIT).until(() -> deliveryLog(t, management).stream()
                    .noneMatch(n -> n.path("status").asText().equals("Pending")));
        }
        timings.put("converge: every email, membership and expiry in place", millisSince(converging));

        // ... exactly once.
        assertEachHandledOnce(tenants, invitations, expectedMail, management);
        summary(tenants, invitations, expectedMail);
    }

    /** Every effect exactly once: emails (SMTP, delivery log, EmailSent), events, memberships. */
    private static void assertEachHandledOnce(List<Tenant> tenants, List<Invitation> invitations,
                                              Map<String, Integer> expectedMail, String management) {
        List<JsonNode> invitationEvents = events(Topics.INVITATION_EVENTS, tenants);
        List<JsonNode> orgEvents = events(Topics.ORG_EVENTS, tenants);
        List<JsonNode> notificationEvents = events(Topics.NOTIFICATION_EVENTS, tenants);
        Map<Tenant, List<JsonNode>> deliveryLogs = new HashMap<>();
        tenants.forEach(t -> deliveryLogs.put(t, deliveryLog(t, management)));
        for (Invitation i : invitations) {
            assertEquals(1, organizationMail(i.invitee).size(), "one invitation email to " + i.invitee);
            assertEquals(i.id, InvitationMails.link(organizationMail(i.invitee).get(0)).invitationId());
            assertEquals(1, count(invitationEvents, "InvitationCreated", "invitationId", i.id));
            assertEquals(1, count(invitationEvents, "InvitationMessageRequested", "invitationId", i.id));
            assertEquals(i.fate == Fate.ACCEPTED ? 1 : 0,
                    count(invitationEvents, "InvitationAccepted", "invitationId", i.id));
            assertEquals(i.fate == Fate.EXPIRED ? 1 : 0,
                    count(invitationEvents, "InvitationExpired", "invitationId", i.id),
                    "InvitationExpired once for " + i.fate + " " + i.id);
            assertEquals(1, deliveryLogs.get(i.tenant).stream()
                    .filter(n -> i.id.equals(n.path("invitationId").asText())
                            && n.path("usageType").asText().equals("OrganizationInvitation")
                            && n.path("status").asText().equals("Sent")).count());
            if (i.fate == Fate.ACCEPTED) {
                assertEquals(1, orgEvents.stream().filter(e -> e.path("type").asText().equals("MembershipCreated")
                        && e.path("data").path("userId").asText().equals(i.acceptedBy)
                        && e.path("data").path("source").asText().equals("INVITATION")).count(),
                        "one MembershipCreated (INVITATION) for " + i.invitee);
            }
        }
        for (Tenant t : tenants) {
            assertEquals(1, orgEvents.stream().filter(e -> e.path("type").asText().equals("MembershipCreated")
                    && e.path("data").path("userId").asText().equals(t.owner.userId)
                    && e.path("data").path("source").asText().equals("CREATOR")).count(), "the creator once");
            List<String> expectedMembers = new ArrayList<>(List.of(t.owner.userId));
            invitations.stream().filter(i -> i.tenant == t && i.fate == Fate.ACCEPTED)
                    .forEach(i -> expectedMembers.add(i.acceptedBy));
            List<String> members = members(t, management);
            assertEquals(expectedMembers.stream().sorted().toList(), members.stream().sorted().toList(),
                    "each member once in " + t.id);
        }
        for (Map.Entry<String, Integer> expected : expectedMail.entrySet()) {
            int emails = expected.getValue();
            assertEquals(emails, organizationMail(expected.getKey()).size(), "emails to " + expected.getKey());
            assertEquals(emails, notificationEvents.stream()
                    .filter(e -> e.path("type").asText().equals("EmailSent")
                            && e.path("data").path("recipient").asText().equals(expected.getKey())).count(),
                    "EmailSent events for " + expected.getKey());
        }
    }

    /** Creates an invitation on the next serving instance, once invitation-service knows the organization. */
    private Invitation invite(Tenant tenant, Fate fate, Instant expiresAt, String tag, int n) {
        String invitee = fate.name().toLowerCase() + "-" + n + "-" + tag + "@example.com";
        Map<String, Object> body = new HashMap<>(Map.of("invitee", invitee, "organizationId", tenant.id,
                "organizationRoleNames", List.of("Member")));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        String url = next().baseUrl() + "/api/organization-invitations";
        // Until OrganizationCreated reached invitation-service, the organization is unknown there (422).
        Http.Response created = await().atMost(WAIT).until(() -> Http.post(url, body, Http.bearer(tenant.token)),
                r -> r.status() != 422 || !r.body().contains("No organization"));
        assertEquals(201, created.status(), created.body());
        return new Invitation(created.json().path("id").asText(), tenant, invitee, fate);
    }

    /** The invitee reads the email, signs up, proves the address and accepts with the link's secret. */
    private void accept(Invitation invitation) {
        MimeMessage email = await().atMost(WAIT).until(() -> organizationMail(invitation.invitee), m -> !m.isEmpty())
                .get(0);
        InvitationMails.Link link = InvitationMails.link(email);
        assertEquals(invitation.id, link.invitationId());
        Session invitee = Accounts.signUpVerified(org, mail, invitation.invitee, "Invitee");
        Http.Response accepted = Http.post(next().baseUrl() + "/invitations/" + invitation.id + "/accept",
                Map.of("token", link.secret()), Http.bearer(invitee.accessToken));
        assertEquals(200, accepted.status(), accepted.body());
        invitation.acceptedBy = invitee.userId;
    }

    /** Round robin over the instances behind the (imagined) load balancer. */
    private RunningService next() {
        List<RunningService> instances = serving;
        return instances.get(requests++ % instances.size());
    }

    /**
     * The organization's email to this address: every sign-up also gets a verification code (Register), an email of
     * the platform, not of an organization, which this test does not count.
     */
    private static List<MimeMessage> organizationMail(String address) {
        return mail.messagesFor(address).stream().filter(m -> !InvitationMails.isVerification(m)).toList();
    }

    /** A welcome and a note per acceptance to each owner, one invitation email to each invitee. */
    private static Map<String, Integer> expectedMail(List<Tenant> tenants, List<Invitation> invitations) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (Tenant t : tenants) {
            expected.put(t.owner.email, 1 + (int) invitations.stream()
                    .filter(i -> i.tenant == t && i.fate == Fate.ACCEPTED).count());
        }
        invitations.forEach(i -> expected.put(i.invitee, 1));
        return expected;
    }

    private static List<String> members(Tenant tenant, String management) {
        Http.Response r = Http.get(org.baseUrl() + "/api/organizations/" + tenant.id + "/users?page_size=100",
                Http.bearer(management));
        assertEquals(200, r.status(), r.body());
        List<String> ids = new ArrayList<>();
        r.json().forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    /** The organization's entries in the delivery log (notification-service's shared database). */
    private static List<JsonNode> deliveryLog(Tenant tenant, String management) {
        Http.Response r = Http.get(notificationsB.baseUrl() + "/api/notifications?page_size=100&organizationId="
                + tenant.id, Http.bearer(management));
        assertEquals(200, r.status(), r.body());
        List<JsonNode> entries = new ArrayList<>();
        r.json().forEach(entries::add);
        return entries;
    }

    /** The topic's events about these organizations (the record key), as CloudEvents envelopes. */
    private static List<JsonNode> events(String topic, List<Tenant> tenants) {
        Set<String> keys = tenants.stream().map(t -> t.id).collect(Collectors.toSet());
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(kafka.bootstrapServers(), topic)) {
            if (keys.contains(record.key())) {
                try {
                    events.add(Http.JSON.readTree(record.value()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return events;
    }

    private static long count(List<JsonNode> events, String type, String field, String value) {
        return events.stream().filter(e -> e.path("type").asText().equals(type)
                && e.path("data").path(field).asText().equals(value)).count();
    }

    private void summary(List<Tenant> tenants, List<Invitation> invitations, Map<String, Integer> expectedMail) {
        Map<Fate, Long> fates = invitations.stream().collect(Collectors.groupingBy(i -> i.fate, Collectors.counting()));
        System.out.printf("%n== scaling: 2 × invitation-service and 2 × notification-service, one database and one"
                + " consumer group per service%n");
        System.out.printf("  %d organizations, %d invitations (%d accepted, %d expired, %d pending), %d emails;"
                        + " every one once, none lost%n", tenants.size(), invitations.size(),
                fates.getOrDefault(Fate.ACCEPTED, 0L), fates.getOrDefault(Fate.EXPIRED, 0L),
                fates.getOrDefault(Fate.PENDING, 0L), expectedMail.values().stream().mapToInt(Integer::intValue).sum());
        timings.forEach((what, millis) -> System.out.printf("  %-58s %7d ms%n", what, millis));
        for (RunningService s : List.of(invitationsA, invitationsB, notificationsA, notificationsB)) {
            work.add(work(s) + (s == invitationsA || s == notificationsA ? "  (since its restart)" : ""));
        }
        work.forEach(line -> System.out.println("  " + line));
    }

    /** What an instance did, from its metrics (they count from its start). */
    private static String work(RunningService s) {
        String metrics = Http.get(s.baseUrl() + "/prometheus", Map.of()).body();
        return String.format("%-24s events applied %3.0f, redeliveries skipped %2.0f, emails sent %3.0f", s.name(),
                metric(metrics, "documind_consumer_events_total", "outcome=\"applied\""),
                metric(metrics, "documind_consumer_events_total", "outcome=\"duplicate\""),
                metric(metrics, "notification_emails_total", "outcome=\"sent\""));
    }

    /** SIGTERM now; completes once the process has ended by itself (or after 60 s). */
    private static CompletableFuture<Stopped> terminate(RunningService service) {
        long asked = System.nanoTime();
        service.terminate();
        return CompletableFuture.supplyAsync(() -> new Stopped(service.name(),
                service.awaitExit(Duration.ofSeconds(60)), millisSince(asked)), starter);
    }

    /** The sum of a Prometheus metric's samples whose labels contain {@code label}. */
    private static double metric(String exposition, String name, String label) {
        return exposition.lines().filter(l -> l.startsWith(name + "{") && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static RunningService restart(RunningService service) {
        service.start();
        return service;
    }

    /** Starts services side by side (each waits for readiness); if one fails, stops those that started. */
    @SafeVarargs
    private static List<RunningService> together(Supplier<RunningService>... starts) {
        List<CompletableFuture<RunningService>> futures = new ArrayList<>();
        for (Supplier<RunningService> start : starts) {
            futures.add(CompletableFuture.supplyAsync(start, starter));
        }
        try {
            return futures.stream().map(CompletableFuture::join).toList();
        } catch (RuntimeException e) {
            futures.stream().filter(f -> !f.isCompletedExceptionally()).map(CompletableFuture::join)
                    .forEach(RunningService::close);
            throw e;
        }
    }

    private static String sealingKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
