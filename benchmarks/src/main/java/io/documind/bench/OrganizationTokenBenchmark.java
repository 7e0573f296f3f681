package io.documind.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Organization tokens issued per second by the packaged org-service (refresh_token grant with organization_id:
 * refresh-token rotation, membership scope lookup and an RS256 signature per token), with p50/p99 latency.
 * Each client thread has its own sign-in, so rotations never collide. Prints figures; asserts nothing.
 *
 * <p>Run: {@code ./dev bench org-tokens [threads] [seconds]}.
 */
public final class OrganizationTokenBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1 as every client of ours speaks; left to its default the JDK client offers an h2c upgrade, which
    // KeycloakBenchmark's peer would accept and org-service would not, so one side would multiplex and the other not.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String PASSWORD = "correct horse 42";

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        try (BenchStack stack = new BenchStack()) {
            String org = stack.start("org-service", Map.of("DOCUMIND_ISSUER", "http://127.0.0.1:{port}/oidc"));
            Member member = member(org, threads);
            String organizationId = member.organizationId();
            List<String> refresh = member.refreshTokens();

            ClosedLoop.Request request = client -> refresh.set(client,
                    token(org, refresh.get(client), organizationId).path("refresh_token").asText());
            ServerCpu cpu = stack.serviceCpu("org-service");
            System.out.println(JitWarmUp.untilQuiet("org-service", cpu,
                    List.of(span -> ClosedLoop.run(threads, span, request, cpu)))); // JIT, pools; not counted
            ClosedLoop.Run run = ClosedLoop.run(threads, Duration.ofSeconds(seconds), request, cpu);
            Latencies all = run.latencies();
            double elapsed = run.elapsedNanos() / 1e9;
            System.out.printf("%n== organization tokens (refresh_token grant with organization_id), %d client threads, %d s%n",
                    threads, seconds);
            System.out.printf("tokens issued: %d  throughput: %.1f tokens/s  p50: %.2f ms  p99: %.2f ms"
                            + "  org-service CPU: %.2f ms per token (JIT %.1f%% of it)%n", all.count(),
                    all.count() / elapsed, all.percentileMillis(50), all.percentileMillis(99),
                    run.serverCpuNanos() / 1e6 / all.count(), 100 * run.jitShare());
            System.out.printf("machine: %d cores (shared by the load generator, org-service, PostgreSQL and Kafka)%n",
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** A new user who created an organization, with {@code sessions} sign-ins whose refresh tokens may ask for it. */
    record Member(String email, String organizationId, List<String> refreshTokens) {
    }

    static Member member(String org, int sessions) throws Exception {
        String email = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        post(org + "/sign-up", "application/json",
                JSON.writeValueAsString(Map.of("email", email, "password", PASSWORD, "name", "Bench")));
        String userToken = signIn(org, email).path("access_token").asText();
        String organizationId = JSON.readTree(post(org + "/organizations", "application/json",
                "{\"name\":\"Bench\"}", userToken)).path("id").asText();
        List<String> refresh = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            refresh.add(signIn(org, email).path("refresh_token").asText());
        }
        waitForMembership(org, refresh, organizationId);
        return new Member(email, organizationId, refresh);
    }

    private static void waitForMembership(String org, List<String> refresh, String organizationId) throws Exception {
        for (int attempt = 0; attempt < 300; attempt++) {
            try {
                refresh.set(0, token(org, refresh.get(0), organizationId).path("refresh_token").asText());
                return;
            } catch (IllegalStateException notYet) {
                BenchStack.pause(100);
            }
        }
        throw new IllegalStateException("the creator never became a member");
    }

    static JsonNode token(String org, String refreshToken, String organizationId) throws Exception {
        return JSON.readTree(post(org + "/oidc/token", "application/x-www-form-urlencoded", TokenEndpoint.form(Map.of(
                "grant_type", "refresh_token", "refresh_token", refreshToken, "organization_id", organizationId))));
    }

    static JsonNode signIn(String org, String email) throws Exception {
        return JSON.readTree(post(org + "/oidc/token", "application/x-www-form-urlencoded",
                TokenEndpoint.form(Map.of("grant_type", "password", "username", email, "password", PASSWORD))));
    }

    static String post(String url, String contentType, String body, String... bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer.length > 0) {
            b.header("Authorization", "Bearer " + bearer[0]);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
