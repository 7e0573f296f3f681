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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Organization tokens issued per second by the packaged org-service (refresh_token grant with organization_id:
 * refresh-token rotation, membership scope lookup and an RS256 signature per token), with p50/p99 latency.
 * Each client thread has its own sign-in, so rotations never collide. Prints figures; asserts nothing.
 *
 * <p>Run: {@code ./dev bench org-tokens [threads] [seconds]}.
 */
public final class OrganizationTokenBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PASSWORD = "correct horse 42";

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        try (BenchStack stack = new BenchStack()) {
            String org = stack.start("org-service", Map.of("DOCUMIND_ISSUER", "http://127.0.0.1:{port}/oidc"));
            String email = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            post(org + "/sign-up", "application/json",
                    JSON.writeValueAsString(Map.of("email", email, "password", PASSWORD, "name", "Bench")));
            String userToken = signIn(org, email).path("access_token").asText();
            String organizationId = JSON.readTree(post(org + "/organizations", "application/json",
                    "{\"name\":\"Bench\"}", userToken)).path("id").asText();

            List<String> refresh = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                refresh.add(signIn(org, email).path("refresh_token").asText());
            }
            waitForMembership(org, refresh, organizationId);

            ExecutorService pool = Executors.newFixedThreadPool(threads);
            runFor(pool, threads, org, organizationId, refresh, 5);          // warm-up: JIT, pools
            long start = System.nanoTime();
            Latencies all = runFor(pool, threads, org, organizationId, refresh, seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            System.out.printf("%n== organization tokens (refresh_token grant with organization_id), %d client threads, %d s%n",
                    threads, seconds);
            System.out.printf("tokens issued: %d  throughput: %.1f tokens/s  p50: %.2f ms  p99: %.2f ms%n",
                    all.count(), all.count() / elapsed, all.percentileMillis(50), all.percentileMillis(99));
            System.out.printf("machine: %d cores (shared by the load generator, org-service, PostgreSQL and Kafka)%n",
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private static Latencies runFor(ExecutorService pool, int threads, String org, String organizationId,
                                    List<String> refresh, int seconds) throws Exception {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<Latencies>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int slot = t;
            futures.add(pool.submit(() -> {
                Latencies latencies = new Latencies();
                while (System.nanoTime() < until) {
                    long begin = System.nanoTime();
                    JsonNode r = token(org, refresh.get(slot), organizationId);
                    latencies.record(System.nanoTime() - begin);
                    refresh.set(slot, r.path("refresh_token").asText());
                }
                return latencies;
            }));
        }
        List<Latencies> parts = new ArrayList<>();
        for (Future<Latencies> f : futures) {
            parts.add(f.get());
        }
        return Latencies.merge(parts);
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

    private static JsonNode token(String org, String refreshToken, String organizationId) throws Exception {
        return JSON.readTree(post(org + "/oidc/token", "application/x-www-form-urlencoded", TokenEndpoint.form(Map.of(
                "grant_type", "refresh_token", "refresh_token", refreshToken, "organization_id", organizationId))));
    }

    private static JsonNode signIn(String org, String email) throws Exception {
        return JSON.readTree(post(org + "/oidc/token", "application/x-www-form-urlencoded",
                TokenEndpoint.form(Map.of("grant_type", "password", "username", email, "password", PASSWORD))));
    }

    private static String post(String url, String contentType, String body, String... bearer) throws Exception {
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
