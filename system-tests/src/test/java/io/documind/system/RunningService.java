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

    static RunningService start(String module, KafkaBroker kafka) {
        TestInfrastructure.Database db = TestInfrastructure.freshDatabase(module.replace('-', '_'));
        int port = freePort();
        RunningService service = new RunningService(module, Map.of(
                "SERVER_PORT", String.valueOf(port),
                "DATABASE_URL", db.jdbcUrl(),
                "DATABASE_USER", db.username(),
                "DATABASE_PASSWORD", db.password(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()), port);
        service.start();
        return service;
    }

    /** (Re)starts the process with the same database, port and settings, and waits until it is ready. */
    void start() {
        Path root = Path.of(System.getProperty("documind.root", ".."));
        Path jar = root.resolve(module).resolve("target")
                .resolve(module + "-" + System.getProperty("documind.version", "0.1.0-SNAPSHOT") + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: system tests run the packaged services (./dev test builds them)");
        }
        Path logs = Path.of(System.getProperty("documind.logs", "target/service-logs"));
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = ServiceProcess.start(module, jar, port, environment, logs.resolve(module + ".log"));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (process.exitCode().isPresent()) {
                throw new IllegalStateException(module + " exited: " + String.join("\n", process.lastLogLines(40)));
            }
            return process.isReady();
        });
    }

    void stop() {
        process.stop(Duration.ofSeconds(20));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        if (process != null) {
            stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
