package io.documind.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.localstack.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keycloak as a benchmark peer, never a dependency: its unpacked distribution (./dev bench keycloak fetches it into
 * .local/keycloak/) started with {@code kc.sh start-dev} (the dev-file database, wiped first so each run starts
 * from nothing) on free ports, and set up through its admin REST API.
 */
final class KeycloakServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ADMIN = "admin";

    final String url;
    private final String adminPassword;
    private final Process process;
    private final Path log;

    private KeycloakServer(String url, String adminPassword, Process process, Path log) {
        this.url = url;
        this.adminPassword = adminPassword;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts Keycloak from {@code home} and waits until its management interface says ready.
     *
     * @param argon2 the Argon2 password-hashing provider's settings ({@code memory} in KiB, {@code iterations},
     *               {@code parallelism}), passed as SPI options
     */
    static KeycloakServer start(Path home, Path log, Map<String, Integer> argon2) {
        int port = FreePorts.pick();
        int management = FreePorts.pick();
        String adminPassword = UUID.randomUUID().toString();
        deleteTree(home.resolve("data"));
        List<String> command = new java.util.ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(),
                "start-dev", "--http-port=" + port, "--http-management-port=" + management, "--health-enabled=true"));
        argon2.forEach((k, v) -> command.add("--spi-password-hashing--argon2--" + k + "=" + v));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home")); // the JDK ./dev found
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + home, e);
        }
        KeycloakServer server = new KeycloakServer("http://127.0.0.1:" + port, adminPassword, process, log);
        // About 100 s on a busy 2-core machine (a build step, then the start).
        server.awaitReady(URI.create("http://127.0.0.1:" + management + "/health/ready"), Duration.ofSeconds(300));
        return server;
    }

    /** kc.sh and the JVM it starts (after a re-augmentation, a second one). */
    ServerCpu cpu() {
        return ServerCpu.of(process.toHandle());
    }

    /**
     * A realm for the benchmark: Argon2 password hashing named explicitly (Keycloak 26's default anyway), and
     * sessions that outlive the run.
     *
     * @param singleUseRefreshTokens Keycloak's "revoke refresh token": a refresh token works once, as ours do
     */
    void createRealm(String realm, boolean singleUseRefreshTokens) throws Exception {
        admin("POST", "/admin/realms", Map.of("realm", realm, "enabled", true,
                "revokeRefreshToken", singleUseRefreshTokens, "refreshTokenMaxReuse", 0,
                "passwordPolicy", "hashAlgorithm(argon2)",
                "ssoSessionIdleTimeout", 36_000, "ssoSessionMaxLifespan", 36_000));
    }

    /** A confidential client allowed the password grant (direct access grants). */
    void createClient(String realm, String clientId, String secret) throws Exception {
        admin("POST", "/admin/realms/" + realm + "/clients", Map.of("clientId", clientId, "enabled", true,
                "protocol", "openid-connect", "publicClient", false, "clientAuthenticatorType", "client-secret",
                "secret", secret, "directAccessGrantsEnabled", true, "standardFlowEnabled", false));
    }

    /** A user with every field Keycloak's default user profile requires, so a password grant is not refused. */
    void createUser(String realm, String username, String password) throws Exception {
        admin("POST", "/admin/realms/" + realm + "/users", Map.of("username", username, "enabled", true,
                "email", username + "@example.com", "emailVerified", true, "firstName", "Bench", "lastName", "User",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
    }

    /** The stored password credential's parameters (algorithm, iterations, memory...), to print what was compared. */
    String passwordHashSettings(String realm, String username) throws Exception {
        String id = JSON.readTree(admin("GET", "/admin/realms/" + realm + "/users?exact=true&username=" + username,
                null)).path(0).path("id").asText();
        JsonNode credentials = JSON.readTree(admin("GET", "/admin/realms/" + realm + "/users/" + id + "/credentials",
                null));
        return credentials.path(0).path("credentialData").asText();
    }

    String tokenEndpoint(String realm) {
        return url + "/realms/" + realm + "/protocol/openid-connect/token";
    }

    private String admin(String method, String path, Object body) throws Exception {
        String token = JSON.readTree(OrganizationTokenBenchmark.post(tokenEndpoint("master"),
                "application/x-www-form-urlencoded", TokenEndpoint.form(Map.of("grant_type", "password",
                        "client_id", "admin-cli", "username", ADMIN, "password", adminPassword))))
                .path("access_token").asText();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private void awaitReady(URI ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            BenchStack.pause(500);
        }
        close();
        throw new IllegalStateException("Keycloak was not ready within " + timeout + "; see " + log);
    }

    /** kc.sh forwards SIGTERM to its JVM; whatever is left after 30 s is killed. */
    @Override
    public void close() {
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        process.destroy();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe Keycloak's data in " + dir, e);
        }
    }
}
