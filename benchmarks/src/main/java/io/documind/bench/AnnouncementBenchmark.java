package io.documind.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How long the packaged org-service takes to announce many members at once: an organization that starts requiring
 * MFA announces every member, and a scope taken from a role announces every holder of the role in every organization
 * (MemberRolesChanged with a raised authority version each, its outbox row and its authority floor, in the request's
 * transaction, which holds the organization's or the role's lock meanwhile). Then how long the outbox relay takes to
 * publish those events to Kafka. Members are written straight into the service's database (through the API, 5,000
 * of them would be 10,000 requests of setup); the timed requests go through the Management API.
 *
 * <p>Prints per run the request's time, the CPU org-service and PostgreSQL spent on it, and the time until the
 * outbox is empty again; asserts nothing. No target in issue 15 names this: it is here because these requests hold
 * locks that every other change to the organization, or to the role's holders, waits on.
 *
 * <p>Run: {@code ./dev bench announcements [members] [runs]} (defaults 5,000 and 5). With
 * {@code DOCUMIND_BENCH_BASELINE_ROOT} (another checkout, packaged) the same runs follow against that build's
 * org-service, on a database of its own.
 */
public final class AnnouncementBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CLIENT = "bench-m2m";
    private static final String SECRET = "bench-secret-0123456789"; // a throwaway for this run's own service

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Map<String, String> settings = Map.of("DOCUMIND_ISSUER", "http://127.0.0.1:{port}/oidc",
                "DOCUMIND_MANAGEMENT_CLIENT_ID", CLIENT, "DOCUMIND_MANAGEMENT_CLIENT_SECRET", SECRET);
        try (BenchStack stack = new BenchStack()) {
            String url = stack.start("org-service", settings);
            measure(stack, "this build", url, "org-service", "org_service", members, runs);
            String baseline = System.getenv("DOCUMIND_BENCH_BASELINE_ROOT");
            if (baseline != null && !baseline.isBlank()) {
                String baselineUrl = stack.start(Path.of(baseline), "org-service", "org_service_baseline",
                        "org-service-baseline", settings);
                measure(stack, "baseline " + baseline, baselineUrl, "org-service-baseline", "org_service_baseline",
                        members, runs);
            }
        }
    }

    private static void measure(BenchStack stack, String build, String url, String instance, String database,
                                int members, int runs) throws Exception {
        String management = managementToken(url);
        String org = JSON.readTree(send(url, "POST", "/api/organizations", Map.of("name", "Announced"), management))
                .path("id").asText();
        String scope = JSON.readTree(send(url, "POST", "/api/organization-scopes",
                Map.of("name", "bench:read"), management)).path("id").asText();
        String role = JSON.readTree(send(url, "POST", "/api/organization-roles",
                Map.of("name", "Bench reader", "organizationScopeIds", List.of(scope)), management))
                .path("id").asText();
        try (Connection c = stack.connectTo(database)) {
            seed(c, org, role, members);
        }
        ServerCpu service = stack.serviceCpu(instance);
        ServerCpu postgres = stack.databaseCpu();
        System.out.printf("%n== announcing %,d members (%s), %d runs%n", members, build, runs);
        System.out.println("run  request            ms  org-service CPU ms  PostgreSQL CPU ms  outbox empty after ms");
        try (Connection c = stack.connectTo(database)) {
            for (int run = 1; run <= runs; run++) {
                String token = managementToken(url);
                print(run, "MFA turned on", c, service, postgres,
                        () -> send(url, "PATCH", "/api/organizations/" + org, Map.of("isMfaRequired", true), token));
                send(url, "PATCH", "/api/organizations/" + org, Map.of("isMfaRequired", false), token); // no one
                print(run, "scope taken", c, service, postgres,
                        () -> send(url, "DELETE", "/api/organization-roles/" + role + "/scopes/" + scope, null, token));
                send(url, "POST", "/api/organization-roles/" + role + "/scopes",
                        Map.of("organizationScopeIds", List.of(scope)), token); // grows authority: no one announced
            }
        }
        System.out.printf("machine: %d cores (shared by the load generator, org-service, PostgreSQL and Kafka)%n",
                Runtime.getRuntime().availableProcessors());
    }

    private interface Request {
        void send() throws Exception;
    }

    private static void print(int run, String what, Connection c, ServerCpu service, ServerCpu postgres,
                              Request request) throws Exception {
        awaitOutboxEmpty(c);
        long serviceBefore = service.nanos();
        long postgresBefore = postgres.nanos();
        long start = System.nanoTime();
        request.send();
        long answered = System.nanoTime();
        long serviceCpu = service.nanos() - serviceBefore;
        long postgresCpu = postgres.nanos() - postgresBefore;
        awaitOutboxEmpty(c);
        long drained = System.nanoTime();
        System.out.printf("%3d  %-14s %,9.1f  %,18.1f  %,17.1f  %,21.1f%n", run, what, (answered - start) / 1e6,
                serviceCpu / 1e6, postgresCpu / 1e6, (drained - answered) / 1e6);
    }

    /** Users, their memberships as Members, and the role holding the scope the runs take away and give back. */
    private static void seed(Connection c, String org, String role, int members) throws Exception {
        String prefix = "announced-" + UUID.randomUUID() + "-";
        UUID organization = UUID.fromString(org);
        update(c, """
                INSERT INTO app_user (id, email, name)
                SELECT ? || n, ? || n || '@example.com', 'Announced ' || n FROM generate_series(1, ?) AS n""",
                prefix, prefix, members);
        update(c, "INSERT INTO membership (organization_id, user_id) SELECT ?, id FROM app_user WHERE id LIKE ?",
                organization, prefix + "%");
        update(c, """
                INSERT INTO membership_role (organization_id, user_id, role_id)
                SELECT m.organization_id, m.user_id, r.id FROM membership m
                JOIN organization_role r ON r.name = 'Member' OR r.id = ?
                WHERE m.organization_id = ?""", UUID.fromString(role), organization);
    }

    private static void awaitOutboxEmpty(Connection c) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
            }
            BenchStack.pause(20);
        }
        throw new IllegalStateException("the outbox was not published within 10 minutes");
    }

    private static void update(Connection c, String sql, Object... parameters) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }

    private static String managementToken(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/oidc/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TokenEndpoint.form(Map.of("grant_type", "client_credentials",
                        "client_id", CLIENT, "client_secret", SECRET)))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("management token: " + r.statusCode() + " " + r.body());
        }
        return body.path("access_token").asText();
    }

    private static String send(String url, String method, String path, Object body, String token) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token).method(method, publisher);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
