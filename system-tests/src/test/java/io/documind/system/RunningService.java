package io.documind.system;

import io.documind.localstack.KafkaBroker;
import io.documind.localstack.ServiceProcess;
import io.documind.localstack.testing.TestInfrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** A packaged service started as its own JVM on a database of its own and the given broker. */
final class RunningService implements AutoCloseable {

    private final String module;
    private final Map<String, String> environment;
    private final int port;
    private ServiceProcess process;

    private RunningService(String module, Map<String, String> environment, int port) {
        this.module = module;
        this.environment = environment;
        this.port = port;
    }

    static RunningService start(String module, KafkaBroker kafka, Map<String, String> settings) {
        return start(module, kafka, freePort(), settings);
    }

    /** Starts a service on the given port; its own database, the broker and any further settings. */
    static RunningService start(String module, KafkaBroker kafka, int port, Map<String, String> settings) {
        TestInfrastructure.Database db = TestInfrastructure.freshDatabase(module.replace('-', '_'));
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("SERVER_PORT", String.valueOf(port));
        environment.put("DATABASE_URL", db.jdbcUrl());
        environment.put("DATABASE_USER", db.username());
        environment.put("DATABASE_PASSWORD", db.password());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("DOCUMIND_LOCAL_STACK", "true"); // embedded infrastructure with its local credentials
        RunningService service = new RunningService(module, Map.copyOf(environment), port);
        service.start();
        return service;
    }

    /** org-service, its own issuer, with a management application registered from configuration. */
    static RunningService orgService(KafkaBroker kafka, String managementClient, String managementSecret) {
        int port = freePort();
        return start("org-service", kafka, port, Map.of(
                "DOCUMIND_ISSUER", "http://127.0.0.1:" + port + "/oidc",
                "DOCUMIND_MANAGEMENT_CLIENT_ID", managementClient,
                "DOCUMIND_MANAGEMENT_CLIENT_SECRET", managementSecret));
    }

    /** (Re)starts the process with the same database, port and settings, and waits until it is ready. */
    void start() {
        process = ServiceProcess.start(module, packagedJar(module), port, environment, logFile(module));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (process.exitCode().isPresent()) {
                throw new IllegalStateException(module + " exited: " + String.join("\n", process.lastLogLines(40)));
            }
            return process.isReady();
        });
    }

    /** The service's jar as `mvn package` leaves it. */
    static Path packagedJar(String module) {
        Path root = Path.of(System.getProperty("documind.root", ".."));
        Path jar = root.resolve(module).resolve("target")
                .resolve(module + "-" + System.getProperty("documind.version", "0.1.0-SNAPSHOT") + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: system tests run the packaged services (./dev test builds them)");
        }
        return jar;
    }

    /** Where a service's output goes: target/service-logs/{name}.log */
    static Path logFile(String name) {
        Path logs = Path.of(System.getProperty("documind.logs", "target/service-logs"));
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return logs.resolve(name + ".log");
    }

    void stop() {
        process.stop(Duration.ofSeconds(20));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String module() {
        return module;
    }

    @Override
    public void close() {
        if (process != null) {
            stop();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
