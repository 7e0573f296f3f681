package io.documind.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.bench.chaos.DiskSmtpSink;
import io.documind.bench.chaos.SinkMailbox;
import io.documind.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long an event takes from the transaction that records it to the token it grants, hop by hop, against the
 * packaged org-, invitation- and notification-service on real Kafka, PostgreSQL and SMTP ({@link BenchStack},
 * {@link DiskSmtpSink}). Two journeys, one at a time so no event queues behind another:
 * <ul>
 *   <li>a creator's {@code POST /organizations} → OrganizationCreated → org-service's consumer makes the creator
 *       Admin (MembershipCreated) → the creator's organization token is granted;</li>
 *   <li>an invitee's accept → InvitationAccepted → org-service's consumer makes the member (MembershipCreated) →
 *       the invitee's organization token is granted, asked for again and again from the moment the accept answers
 *       (accepting needs a proved address: the invitee proves it with the emailed code first, untimed).</li>
 * </ul>
 * Observed from outside only: the events' CloudEvents {@code time} (set when the row is appended, in the committing
 * transaction), their Kafka record timestamps (set by the relay's producer when it sends), read by a consumer of
 * this benchmark's own, and the clients' clocks. All run on one machine, so the clocks agree; Kafka timestamps are
 * whole milliseconds. Prints p50/p99/max of each hop beside the target; asserts nothing.
 *
 * <p>Beside each journey it prints the CPU each process spent per journey ({@link CpuUse}) against the journey's
 * wall time: when their sum nears the machine's cores times the wall time, the hops are waiting for a core, not for
 * each other. Last, the same organization-token grant {@code events} times in a row with no event in flight: what the
 * grant costs alone, against its share of the journeys' last hop.
 *
 * <p>Run: {@code ./dev bench events [events] [warm-up]} (defaults 200, 3000, 15-20 minutes). The warm-up is long
 * because each journey runs each service's per-event code once: after 300 journeys the JIT compiler threads were
 * still the largest CPU user of every service while the measured ones ran, and the machine's two cores were busy for
 * most of every journey, so the hops measured the compiler more than the services. After 3,000 creations the
 * compilers still took 14% of the stack's CPU (C2 reaches code a journey runs once only after thousands of
 * journeys), so creations go on past {@code warm-up} in rounds of {@link #ROUND} until a round's JIT share is at most
 * {@link JitWarmUp#QUIET_SHARE} (the same rule as the throughput benchmarks), up to {@link #MAX_CREATION_WARM_UP}.
 * Acceptances follow the same rule, up to {@link #MAX_ACCEPTANCE_WARM_UP}: the creations' rounds warm only part of
 * their code, and one run whose acceptances kept the fixed {@code warm-up} measured them with the JIT still taking
 * 5.9 ms of CPU per journey (p99 54.8 ms, against 35-39 ms in two runs before). Each acceptance needs an organization
 * of its own, so the benchmark creates (untimed) as many as the acceptances may need. A service under steady
 * traffic gets past this once; the JIT column shows how far a run got.
 */
public final class EventLatencyBenchmark {

    /** Issue 15: p99 of each journey, event to token. */
    private static final double TARGET_P99_MS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse 42";
    private static final Pattern LINK = Pattern.compile("/invitation/([^?\"'\\s<]+)\\?token=([A-Za-z0-9_\\-]+)");
    /** The code in the Register (verification) email every sign-up gets. */
    private static final Pattern CODE = Pattern.compile("<strong>(\\d{6})</strong>");
    private static final Duration EVENT_PATIENCE = Duration.ofSeconds(60);
    /** Creations per warm-up round past the first {@code warm-up}, and the most creations warming up may take. */
    private static final int ROUND = 500;
    private static final int MAX_CREATION_WARM_UP = 12_000;
    /** The most acceptances warming up may take: each needs an organization and an invitation made beforehand. */
    private static final int MAX_ACCEPTANCE_WARM_UP = 6_000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> urls;
    /** Events seen on Kafka, by type and then by a key of the journey (organization, organization + user). */
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    /** Where the machine's CPU went while the measured journeys ran. */
    private final CpuUse cpu;

    /** How many of the slowest journeys of each kind are printed hop by hop. */
    private static final int SLOWEST = 5;

    /** An event as the benchmark's consumer saw it: its envelope time and its Kafka record timestamp. */
    private record Seen(Instant recorded, long onKafkaMillis) {
    }

    /** One journey's client-side times (epoch nanoseconds) and the event keys it produced. */
    private record Journey(String firstEventKey, String membershipKey, long requestStart, long requestEnd,
                           long tokenGranted, int tokenAttempts) {
    }

    private EventLatencyBenchmark(Map<String, String> urls, CpuUse cpu) {
        this.urls = urls;
        this.cpu = cpu;
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        Path mailFile = Files.createTempFile("documind-events", ".mail");
        try (BenchStack stack = new BenchStack(); DiskSmtpSink sink = DiskSmtpSink.start(0, mailFile)) {
            EventLatencyBenchmark bench = new EventLatencyBenchmark(
                    start(stack, sink.port(), events + Math.max(warmUp,
                            Math.max(MAX_CREATION_WARM_UP, MAX_ACCEPTANCE_WARM_UP))),
                    CpuUse.of(stack, "this JVM (Kafka broker, SMTP sink, clients)"));
            try (AutoCloseable watching = bench.watch(stack)) {
                bench.run(events, warmUp, new SinkMailbox(mailFile));
            }
        } finally {
            Files.deleteIfExists(mailFile);
        }
    }

    private static Map<String, String> start(BenchStack stack, int smtpPort, int organizations) {
        Map<String, String> urls = new LinkedHashMap<>();
        String org = stack.start("org-service", Map.of("DOCUMIND_ISSUER", "http://127.0.0.1:{port}/oidc",
                "DOCUMIND_LIMITS_ORGANIZATIONS_PER_CREATOR", String.valueOf(organizations)));
        urls.put("org-service", org);
        Map<String, String> mail = Map.of("DOCUMIND_ISSUER", org + "/oidc", "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", String.valueOf(smtpPort),
                // One invitee is invited to every organization: traffic, not abuse.
                "DOCUMIND_NOTIFICATION_RATE_LIMITS_INVITATIONS_PER_ORGANIZATION", "100000",
                "DOCUMIND_NOTIFICATION_RATE_LIMITS_INVITATIONS_PER_RECIPIENT", "100000");
        urls.put("invitation-service", stack.start("invitation-service", mail));
        urls.put("notification-service", stack.start("notification-service", mail));
        return urls;
    }

    /**
     * The benchmark's own consumer of org-service's and invitation-service's events, on a thread of its own (a
     * KafkaConsumer is single-threaded); closing wakes it and waits for it to end.
     */
    private AutoCloseable watch(BenchStack stack) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "event-latency-benchmark-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        Thread watcher = Thread.ofPlatform().daemon().name("event-watch").start(() -> {
            try (consumer) {
                consumer.subscribe(List.of(Topics.ORG_EVENTS, Topics.INVITATION_EVENTS));
                while (true) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        record(r);
                    }
                }
            } catch (WakeupException over) {
                // the benchmark is over
            }
        });
        return () -> {
            consumer.wakeup();
            watcher.join(Duration.ofSeconds(10));
        };
    }

    private void record(ConsumerRecord<String, String> r) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(r.value());
        } catch (IOException notJson) {
            return;
        }
        JsonNode data = envelope.path("data");
        String key = switch (envelope.path("type").asText()) {
            case "OrganizationCreated" -> "OrganizationCreated " + data.path("organizationId").asText();
            case "InvitationAccepted" -> "InvitationAccepted " + data.path("invitationId").asText();
            case "MembershipCreated" -> membershipKey(data.path("organizationId").asText(), data.path("userId").asText());
            default -> null;
        };
        if (key != null) {
            seen.putIfAbsent(key, new Seen(Instant.parse(envelope.path("time").asText()), r.timestamp()));
        }
    }

    private static String membershipKey(String organizationId, String userId) {
        return "MembershipCreated " + organizationId + " " + userId;
    }

    private void run(int events, int warmUp, SinkMailbox mailbox) throws Exception {
        String creatorEmail = "creator-" + UUID.randomUUID().toString().substring(0, 8) + "@bench.test";
        String inviteeEmail = "invitee-" + UUID.randomUUID().toString().substring(0, 8) + "@bench.test";
        Account creator = Account.signUp(this, creatorEmail);

        System.out.printf("creating organizations one at a time: %d to warm up, more in rounds of %d until the JIT is"
                + " quiet, then %d measured...%n", warmUp, ROUND, events);
        List<Journey> creations = new ArrayList<>();
        List<String> organizations = new ArrayList<>();
        Map<String, String> adminTokens = new LinkedHashMap<>();
        int creationWarmUp = warmUntilQuiet("creations", warmUp, Math.max(warmUp, MAX_CREATION_WARM_UP),
                () -> create(creations.size(), creator, creations, organizations, adminTokens));
        CpuUse.Snapshot creationCpu = cpu.snapshot();
        for (int i = creationWarmUp; i < creationWarmUp + events; i++) {
            create(i, creator, creations, organizations, adminTokens);
        }
        CpuUse.Snapshot creationCpuEnd = cpu.snapshot();

        int invitations = Math.max(warmUp, MAX_ACCEPTANCE_WARM_UP) + events;
        if (organizations.size() < invitations) { // one invitation per organization: room for the acceptances' rounds
            System.out.printf("creating %d more organizations (untimed) to invite to...%n",
                    invitations - organizations.size());
            List<Journey> untimed = new ArrayList<>();
            while (organizations.size() < invitations) {
                create(organizations.size(), creator, untimed, organizations, adminTokens);
            }
        }
        System.out.printf("inviting %s to each of the last %d organizations and waiting for the emails...%n",
                inviteeEmail, invitations);
        Map<String, String> invitationOf = new LinkedHashMap<>();
        for (String organization : organizations.subList(organizations.size() - invitations, organizations.size())) {
            invitationOf.put(organization, invite(organization, inviteeEmail, adminTokens.get(organization)));
        }
        // Signed up only now: the emailed code expires (10 minutes by default), and the warm-up takes longer.
        Account invitee = Account.signUp(this, inviteeEmail);
        Map<String, String> secrets = awaitLinks(mailbox, inviteeEmail, invitationOf.size());
        // The accept refuses a token without email_verified: prove the address and sign in again, before the timing.
        Account verified = invitee.verifyEmail(this, inviteeEmail, awaitCode(mailbox, inviteeEmail));

        System.out.printf("accepting invitations one at a time: %d to warm up, more in rounds of %d until the JIT is"
                + " quiet, then %d measured...%n", warmUp, ROUND, events);
        List<Journey> acceptances = new ArrayList<>();
        Iterator<Map.Entry<String, String>> pending = invitationOf.entrySet().iterator();
        int acceptanceWarmUp = warmUntilQuiet("acceptances", warmUp, invitationOf.size() - events,
                () -> accept(pending.next(), verified, secrets, acceptances));
        CpuUse.Snapshot acceptanceCpu = cpu.snapshot();
        for (int i = 0; i < events; i++) {
            accept(pending.next(), verified, secrets, acceptances);
        }
        CpuUse.Snapshot acceptanceCpuEnd = cpu.snapshot();

        awaitEvents(creations, acceptances);
        Latencies alone = new Latencies();
        CpuUse.Snapshot aloneCpu = cpu.snapshot();
        String quiet = organizations.getLast();
        for (int i = 0; i < events; i++) { // the same grant with no event in flight: what the journeys add to it
            Clock clock = new Clock();
            if (creator.organizationToken(this, quiet) == null) {
                throw new IllegalStateException("the creator was refused a token of " + quiet);
            }
            alone.record(clock.now() - clock.start);
        }
        CpuUse.Snapshot aloneCpuEnd = cpu.snapshot();
        List<Journey> measuredCreations = creations.subList(creationWarmUp, creations.size());
        List<Journey> measuredAcceptances = acceptances.subList(acceptanceWarmUp, acceptances.size());
        System.out.printf("%n== event latency: %d organizations created, %d invitations accepted, one at a time "
                + "(after %d creations and %d acceptances to warm up)%n", measuredCreations.size(),
                measuredAcceptances.size(), creationWarmUp, acceptanceWarmUp);
        print("OrganizationCreated -> creator holds an Admin token", "POST /organizations answered",
                measuredCreations);
        CpuUse.print("CPU while these ran", creationCpu, creationCpuEnd, measuredCreations.size(), "journey");
        print("InvitationAccepted -> invitee holds a Member token", "POST /invitations/{id}/accept answered",
                measuredAcceptances);
        CpuUse.print("CPU while these ran", acceptanceCpu, acceptanceCpuEnd, measuredAcceptances.size(), "journey");
        System.out.printf("%nThe organization-token grant alone (the creator's, %d in a row, no event in flight)%n",
                events);
        System.out.printf("  %-52s %8s %8s %8s%n", "", "p50 ms", "p99 ms", "max ms");
        row("request -> token granted", alone);
        CpuUse.print("CPU while these ran", aloneCpu, aloneCpuEnd, events, "grant");
        System.out.printf("%nevent time: the CloudEvents time, set when the outbox row is appended in the committing"
                + " transaction; on Kafka: the record timestamp, set by the relay's producer when it sends (ms);"
                + " member: the MembershipCreated event's time, in the consumer's transaction; token: the first"
                + " organization-token grant that succeeds.%n");
        System.out.printf("machine: %d cores, shared by the load generator, Kafka (in this JVM), PostgreSQL and the"
                + " services%n", Runtime.getRuntime().availableProcessors());
    }

    private void print(String title, String requestName, List<Journey> journeys) {
        Latencies toKafka = new Latencies();
        Latencies toMember = new Latencies();
        Latencies toToken = new Latencies();
        Latencies endToEnd = new Latencies();
        Latencies request = new Latencies();
        Latencies afterAnswer = new Latencies();
        Latencies attempts = new Latencies();
        List<Hops> hops = journeys.stream().map(this::hops).toList();
        for (Hops h : hops) {
            Journey j = h.journey;
            toKafka.record(h.relay());
            toMember.record(h.consumer());
            toToken.record(h.toToken());
            endToEnd.record(h.endToEnd());
            request.record(j.requestEnd - j.requestStart);
            afterAnswer.record(j.tokenGranted - j.requestEnd);
            attempts.record(j.tokenAttempts * 1_000_000L);
        }
        System.out.printf("%n%s%n", title);
        System.out.printf("  %-52s %8s %8s %8s%n", "hop", "p50 ms", "p99 ms", "max ms");
        row("event time -> on Kafka (relay)", toKafka);
        row("on Kafka -> member (org-service's consumer)", toMember);
        row("member -> token granted", toToken);
        row("event time -> token granted (end to end)", endToEnd);
        System.out.printf("  %-52s %8s %8.1f  target p99 <= %.0f ms: %s%n", "", "", endToEnd.percentileMillis(99),
                TARGET_P99_MS, endToEnd.percentileMillis(99) <= TARGET_P99_MS ? "met" : "NOT met");
        row(requestName, request);
        row("request answered -> token granted", afterAnswer);
        System.out.printf("  %-52s %8.0f %8.0f %8.0f%n", "token requests until one succeeds", attempts.percentileMillis(50),
                attempts.percentileMillis(99), attempts.percentileMillis(100));
        printSlowest(hops);
    }

    /** A journey's hops in nanoseconds, from its events as the benchmark's consumer saw them. */
    private record Hops(Journey journey, long eventNanos, long onKafkaNanos, long memberNanos) {
        long relay() {
            return onKafkaNanos - eventNanos;
        }

        long consumer() {
            return memberNanos - onKafkaNanos;
        }

        long toToken() {
            return journey.tokenGranted - memberNanos;
        }

        long endToEnd() {
            return journey.tokenGranted - eventNanos;
        }
    }

    private Hops hops(Journey j) {
        Seen event = seen.get(j.firstEventKey);
        return new Hops(j, epochNanos(event.recorded), event.onKafkaMillis * 1_000_000,
                epochNanos(seen.get(j.membershipKey).recorded));
    }

    /**
     * The journeys behind the tail, each hop apart and with its event time, so that a reader can lay them beside the
     * services' logs (a GC log, a scheduled task's line): a p99 over a few hundred journeys is its two or three
     * slowest, and whether they share a cause says more than the percentile.
     */
    private void printSlowest(List<Hops> journeys) {
        List<Hops> slowest = journeys.stream().sorted(Comparator.comparingLong(Hops::endToEnd).reversed())
                .limit(SLOWEST).toList();
        System.out.printf("  slowest %d (event time UTC; ms: relay, consumer, member -> token, end to end)%n",
                slowest.size());
        for (Hops h : slowest) {
            System.out.printf("    %s  %6.1f %6.1f %6.1f %6.1f%n", Instant.ofEpochSecond(0, h.eventNanos),
                    h.relay() / 1e6, h.consumer() / 1e6, h.toToken() / 1e6, h.endToEnd() / 1e6);
        }
    }

    private static void row(String name, Latencies l) {
        System.out.printf("  %-52s %8.1f %8.1f %8.1f%n", name, l.percentileMillis(50), l.percentileMillis(99),
                l.percentileMillis(100));
    }

    private static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** Epoch nanoseconds from the wall clock, advanced by the monotonic clock so intervals are exact. */
    private static final class Clock {
        private final long wallNanos = epochNanos(Instant.now());
        private final long monotonic = System.nanoTime();
        final long start = wallNanos;

        long now() {
            return wallNanos + (System.nanoTime() - monotonic);
        }
    }

    private String invite(String organization, String invitee, String adminToken) throws Exception {
        String body = JSON.writeValueAsString(Map.of("invitee", invitee, "organizationId", organization,
                "organizationRoleNames", List.of("Member")));
        long deadline = System.nanoTime() + EVENT_PATIENCE.toNanos();
        while (true) {
            Answer invited = post(urls.get("invitation-service") + "/api/organization-invitations", body, adminToken);
            if (invited.status == 201) {
                return invited.body.path("id").asText();
            }
            // 422: invitation-service has not heard of the organization yet (its OrganizationCreated is on its way)
            if (invited.status != 422 || System.nanoTime() > deadline) {
                throw new IllegalStateException("invitation answered " + invited.status + ": " + invited.body);
            }
            BenchStack.pause(20);
        }
    }

    /** One journey, for {@link #warmUntilQuiet}. */
    @FunctionalInterface
    private interface JourneyStep {
        void run() throws Exception;
    }

    /**
     * {@code first} journeys, then rounds of {@link #ROUND} until a round's JIT share is at most
     * {@link JitWarmUp#QUIET_SHARE} or one more round would pass {@code most}; prints how far it got.
     *
     * @return the journeys run
     */
    private int warmUntilQuiet(String kind, int first, int most, JourneyStep journey) throws Exception {
        int done = 0;
        int round = first;
        while (true) {
            CpuUse.Snapshot roundStart = cpu.snapshot();
            for (int k = 0; k < round; k++, done++) {
                journey.run();
            }
            double share = CpuUse.jitShare(roundStart, cpu.snapshot());
            boolean quiet = JitWarmUp.quiet(share);
            if (quiet || done + ROUND > most) {
                System.out.printf("warm-up: %d %s; in the last %d the JIT compilers took %.1f%% of the stack's CPU"
                        + " (quiet at <= %.0f%%)%s%n", done, kind, round, 100 * share, 100 * JitWarmUp.QUIET_SHARE,
                        quiet ? "" : ": NOT quiet, measured anyway");
                return done;
            }
            round = ROUND;
        }
    }

    /** A creation journey: {@code POST /organizations}, then the creator's organization token, asked until granted. */
    private void create(int i, Account creator, List<Journey> creations, List<String> organizations,
                        Map<String, String> adminTokens) throws Exception {
        Clock clock = new Clock();
        Answer created = post(urls.get("org-service") + "/organizations",
                JSON.writeValueAsString(Map.of("name", "Latency " + i)), creator.access);
        long answered = clock.now();
        if (created.status != 201 && created.status != 202) {
            throw new IllegalStateException("POST /organizations answered " + created.status + ": " + created.body);
        }
        String id = created.body.path("id").asText();
        int attempts = 0;
        String token = null;
        while (token == null) {
            attempts++;
            token = creator.organizationToken(this, id);
        }
        creations.add(new Journey("OrganizationCreated " + id, membershipKey(id, creator.userId),
                clock.start, answered, clock.now(), attempts));
        organizations.add(id);
        adminTokens.put(id, token);
    }

    /** An acceptance journey: the accept, then the invitee's organization token, asked until granted. */
    private void accept(Map.Entry<String, String> invited, Account invitee, Map<String, String> secrets,
                        List<Journey> acceptances) throws Exception {
        String organization = invited.getKey();
        String invitation = invited.getValue();
        Clock clock = new Clock();
        Answer accepted = post(urls.get("invitation-service") + "/invitations/" + invitation + "/accept",
                JSON.writeValueAsString(Map.of("token", secrets.get(invitation))), invitee.access);
        long answered = clock.now();
        if (accepted.status != 200) {
            throw new IllegalStateException("accept answered " + accepted.status + ": " + accepted.body);
        }
        int attempts = 0;
        String token = null;
        while (token == null) { // as tightly as a client can: the grant is the effect being timed
            attempts++;
            token = invitee.organizationToken(this, organization);
        }
        acceptances.add(new Journey("InvitationAccepted " + invitation, membershipKey(organization, invitee.userId),
                clock.start, answered, clock.now(), attempts));
    }

    /**
     * The emailed secret of each invitation, by invitation id, once all {@code count} emails have arrived; the patience
     * starts again whenever one more has (thousands are sent, some still queued when the last invitation answers).
     */
    private static Map<String, String> awaitLinks(SinkMailbox mailbox, String invitee, int count) {
        long deadline = System.nanoTime() + EVENT_PATIENCE.toNanos();
        Map<String, String> secrets = new LinkedHashMap<>();
        while (secrets.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(secrets.size() + " of " + count + " invitation emails arrived");
            }
            BenchStack.pause(100);
            int before = secrets.size();
            for (SinkMailbox.Mail mail : mailbox.all()) {
                Matcher link = LINK.matcher(mail.text());
                if (mail.recipients().contains(invitee) && link.find()) {
                    secrets.put(link.group(1), link.group(2));
                }
            }
            if (secrets.size() > before) {
                deadline = System.nanoTime() + EVENT_PATIENCE.toNanos();
            }
        }
        return secrets;
    }

    /** The code of the Register email to {@code address}, found by its content as {@link #awaitLinks} finds links. */
    private static String awaitCode(SinkMailbox mailbox, String address) {
        long deadline = System.nanoTime() + EVENT_PATIENCE.toNanos();
        while (true) {
            for (SinkMailbox.Mail mail : mailbox.all()) {
                Matcher code = CODE.matcher(mail.text());
                if (mail.recipients().contains(address) && code.find()) {
                    return code.group(1);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no verification email to " + address + " after " + EVENT_PATIENCE);
            }
            BenchStack.pause(100);
        }
    }

    private void awaitEvents(List<Journey> creations, List<Journey> acceptances) {
        long deadline = System.nanoTime() + EVENT_PATIENCE.toNanos();
        List<Journey> all = new ArrayList<>(creations);
        all.addAll(acceptances);
        while (!all.stream().allMatch(j -> seen.containsKey(j.firstEventKey) && seen.containsKey(j.membershipKey))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("events missing on Kafka after " + EVENT_PATIENCE);
            }
            BenchStack.pause(100);
        }
    }

    /** A signed-in user: a user token and the refresh token each organization-token grant rotates. */
    private static final class Account {
        final String userId;
        final String access;
        String refresh;

        private Account(String userId, String access, String refresh) {
            this.userId = userId;
            this.access = access;
            this.refresh = refresh;
        }

        static Account signUp(EventLatencyBenchmark bench, String email) throws Exception {
            Answer created = bench.post(bench.urls.get("org-service") + "/sign-up",
                    JSON.writeValueAsString(Map.of("email", email, "password", PASSWORD, "name", "Bench")), null);
            if (created.status != 201) {
                throw new IllegalStateException("sign-up answered " + created.status + ": " + created.body);
            }
            return signIn(bench, created.body.path("id").asText(), email);
        }

        private static Account signIn(EventLatencyBenchmark bench, String userId, String email) throws Exception {
            Answer tokens = bench.form(Map.of("grant_type", "password", "username", email, "password", PASSWORD));
            if (tokens.status != 200) {
                throw new IllegalStateException("sign-in answered " + tokens.status + ": " + tokens.body);
            }
            return new Account(userId, tokens.body.path("access_token").asText(),
                    tokens.body.path("refresh_token").asText());
        }

        /**
         * Proves the address with the emailed code; the account signed in again, since only tokens issued after the
         * proof carry email_verified true.
         */
        Account verifyEmail(EventLatencyBenchmark bench, String email, String code) throws Exception {
            Answer verified = bench.post(bench.urls.get("org-service") + "/me/email-verification",
                    JSON.writeValueAsString(Map.of("code", code)), access);
            if (verified.status != 200) {
                throw new IllegalStateException("verification answered " + verified.status + ": " + verified.body);
            }
            return signIn(bench, userId, email);
        }

        /**
         * The organization token, or null while the user is not a member yet: 403 {@code access_denied} (an
         * invitee), or 503 {@code temporarily_unavailable} (a creator not admitted yet); neither spends the
         * refresh token.
         */
        String organizationToken(EventLatencyBenchmark bench, String organizationId) throws Exception {
            Answer r = bench.form(Map.of("grant_type", "refresh_token", "refresh_token", refresh,
                    "organization_id", organizationId));
            if (r.status == 403 || r.status == 503) {
                return null;
            }
            if (r.status != 200) {
                throw new IllegalStateException("organization token answered " + r.status + ": " + r.body);
            }
            refresh = r.body.path("refresh_token").asText();
            return r.body.path("access_token").asText();
        }
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer form(Map<String, String> fields) throws Exception {
        return exchange(TokenEndpoint.post(urls.get("org-service"), fields));
    }

    private Answer post(String url, String json, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return exchange(b);
    }

    private Answer exchange(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()));
    }
}
