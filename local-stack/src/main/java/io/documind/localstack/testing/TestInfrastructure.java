package io.documind.localstack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import io.documind.localstack.ContainerKafka;
import io.documind.localstack.EmbeddedPostgresServer;
import io.documind.localstack.ExternalPostgresServer;
import io.documind.localstack.InProcessKafka;
import io.documind.localstack.KafkaBroker;
import io.documind.localstack.MailServer;
import io.documind.localstack.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Real infrastructure for integration tests, shared by all tests of one JVM: started on first use,
 * stopped by a shutdown hook. Nothing uses a fixed port.
 * <ul>
 *   <li>Kafka: Testcontainers when a Docker engine answers, else in-process KRaft. Force one with
 *       {@code DOCUMIND_TEST_KAFKA=in-process|container} (env or system property).</li>
 *   <li>PostgreSQL: embedded, or the server at {@code DOCUMIND_TEST_POSTGRES_URL} (+ {@code _USER},
 *       {@code _PASSWORD}); each test takes its own {@link #freshDatabase database}.</li>
 *   <li>SMTP: GreenMail, read it with {@link MailServer#messagesFor}.</li>
 * </ul>
 */
public final class TestInfrastructure {

    private static final Logger LOG = LoggerFactory.getLogger(TestInfrastructure.class);

    private static final Shared<KafkaBroker> KAFKA = new Shared<>(TestInfrastructure::startKafka);
    private static final Shared<PostgresServer> POSTGRES = new Shared<>(TestInfrastructure::startPostgres);
    private static final Shared<MailServer> MAIL = new Shared<>(() -> MailServer.start(0, -1));
    /** Everything we started, closed in reverse order at JVM exit. */
    private static final List<AutoCloseable> STARTED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::closeAll, "test-infrastructure-shutdown"));
    }

    /** A database on the shared server, with its connection details. */
    public record Database(String name, String jdbcUrl, String username, String password) {
    }

    private TestInfrastructure() {
    }

    /** The broker shared by all tests in this JVM; do not stop it (use {@link #dedicatedKafka()} for that). */
    public static KafkaBroker kafka() {
        return KAFKA.get();
    }

    /** A new broker for the caller alone (e.g. outage tests that stop/start it); the caller closes it. */
    public static KafkaBroker dedicatedKafka() {
        return useContainers() ? ContainerKafka.launch() : InProcessKafka.start(tempDir("kafka-dedicated"), 0);
    }

    /** A new, empty database with a unique name ({@code prefix_<random>}) on the shared PostgreSQL. */
    public static Database freshDatabase(String prefix) {
        PostgresServer server = POSTGRES.get();
        String name = databaseName(prefix);
        server.createDatabaseIfMissing(name);
        return new Database(name, server.jdbcUrl(name), server.username(), server.password());
    }

    /** The SMTP server shared by all tests in this JVM (SMTP only, on a free port). */
    public static MailServer mail() {
        return MAIL.get();
    }

    static String databaseName(String prefix) {
        String cleaned = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String start = cleaned.isEmpty() || Character.isDigit(cleaned.charAt(0)) ? "db_" + cleaned : cleaned;
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        // PostgreSQL truncates identifiers at 63 bytes; keep the unique suffix intact.
        return start.substring(0, Math.min(start.length(), 48)) + "_" + unique;
    }

    private static KafkaBroker startKafka() {
        if (useContainers()) {
            LOG.info("Test Kafka: Testcontainers ({}), because a Docker engine answers", ContainerKafka.class.getSimpleName());
            return ContainerKafka.launch();
        }
        LOG.info("Test Kafka: in-process KRaft broker (no Docker engine, or DOCUMIND_TEST_KAFKA=in-process)");
        return InProcessKafka.start(tempDir("kafka"), 0);
    }

    private static PostgresServer startPostgres() {
        String url = setting("DOCUMIND_TEST_POSTGRES_URL");
        if (url != null) {
            LOG.info("Test PostgreSQL: external server {}", url);
            return new ExternalPostgresServer(url, setting("DOCUMIND_TEST_POSTGRES_USER"),
                    setting("DOCUMIND_TEST_POSTGRES_PASSWORD"));
        }
        LOG.info("Test PostgreSQL: embedded (set DOCUMIND_TEST_POSTGRES_URL to use a running server)");
        return EmbeddedPostgresServer.start(null, 0);
    }

    private static boolean useContainers() {
        String forced = setting("DOCUMIND_TEST_KAFKA");
        if (forced != null) {
            return forced.equalsIgnoreCase("container");
        }
        return DockerProbe.ANSWERS;
    }

    /** Asked once per JVM: Testcontainers' probe can take a while and log errors when there is no engine. */
    private static final class DockerProbe {
        static final boolean ANSWERS = probe();

        private static boolean probe() {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (Throwable e) { // missing docker must never fail a test run
                LOG.debug("Docker probe failed", e);
                return false;
            }
        }
    }

    /** A system property wins over the environment, so a single test run can override it. */
    private static String setting(String name) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? null : value;
    }

    private static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory("documind-" + prefix + "-");
            register(() -> deleteRecursively(dir));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void register(AutoCloseable closeable) {
        synchronized (STARTED) {
            STARTED.add(closeable);
        }
    }

    private static void closeAll() {
        List<AutoCloseable> toClose;
        synchronized (STARTED) {
            toClose = new ArrayList<>(STARTED.reversed());
            STARTED.clear();
        }
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing test infrastructure failed: {}", e.toString());
            }
        }
    }

    /** Started once on first use; registered for closing at JVM exit. */
    private static final class Shared<T extends AutoCloseable> {
        private final Supplier<T> starter;
        private T instance;

        Shared(Supplier<T> starter) {
            this.starter = starter;
        }

        synchronized T get() {
            if (instance == null) {
                instance = starter.get();
                register(instance);
            }
            return instance;
        }
    }
}
