package io.documind.bench.chaos;

import io.documind.localstack.EmbeddedPostgresServer;
import io.documind.localstack.FreePorts;
import io.documind.localstack.InProcessKafka;
import io.documind.localstack.LinkKeys;
import io.documind.localstack.ServiceProcess;
import io.documind.localstack.TrafficLimits;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Everything as its own process, each one killable: Kafka ({@code kafka.Kafka server.properties}), PostgreSQL
 * (zonky's binaries, kept in a data directory so a restart finds its data), the {@link DiskSmtpSink} and the four
 * packaged services, on fixed ports picked once so a restart comes back at the same address.
 */
final class ChaosStack implements AutoCloseable {

    static final List<String> MODULES = List.of("org-service", "document-service", "invitation-service",
            "notification-service");
    private static final Duration READY = Duration.ofSeconds(180);

    final Path work;
    final Path mailFile;
    private final Path root;
    private final int kafkaPort = FreePorts.pick();
    private final int postgresPort = FreePorts.pick();
    private final int smtpPort = FreePorts.pick();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Integer> runs = new HashMap<>();
    private final Map<String, String> settings;
    private final ChildJvm kafka;
    private final ChildJvm sink;
    private final LinkKeys linkKeys = LinkKeys.generate();
    private final String sealingKey = randomKey();
    private EmbeddedPostgresServer postgres;

    /** @param settings extra environment for every service (time compression, limits, overrides) */
    ChaosStack(Path root, Map<String, String> settings) throws IOException {
        this.root = root;
        this.settings = settings;
        work = Files.createTempDirectory("documind-chaos");
        mailFile = work.resolve("mail.sink");
        Path properties = InProcessKafka.writeServerProperties(work.resolve("kafka"), kafkaPort, FreePorts.pick(),
                work.resolve("server.properties"));
        kafka = new ChildJvm("kafka", work.resolve("kafka.log"), "-Xmx512m", "kafka.Kafka", properties.toString());
        sink = new ChildJvm("smtp-sink", work.resolve("smtp-sink.log"), "-Xmx64m", DiskSmtpSink.class.getName(),
                String.valueOf(smtpPort), mailFile.toString());
        MODULES.forEach(m -> ports.put(m, FreePorts.pick()));
    }

    void startAll() {
        startKafka();
        startPostgres();
        MODULES.forEach(m -> postgres.createDatabaseIfMissing(m.replace('-', '_')));
        startSink();
        startService("org-service"); // the others read its discovery document
        MODULES.stream().skip(1).forEach(this::launch);
        MODULES.stream().skip(1).forEach(m -> services.get(m).awaitReady(READY));
    }

    String url(String module) {
        return "http://127.0.0.1:" + ports.get(module);
    }

    void startKafka() {
        kafka.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000))) {
            ChildJvm.await("Kafka on " + bootstrap(), READY, () -> {
                try {
                    return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
                } catch (Exception notYet) {
                    return false;
                }
            });
        }
    }

    void killKafka() {
        kafka.kill();
    }

    void startPostgres() {
        postgres = EmbeddedPostgresServer.start(work.resolve("postgres"), postgresPort);
    }

    /** pg_ctl stop (fast: sessions are cut, as a restart by an operator or a failover does). */
    void stopPostgres() {
        postgres.close();
    }

    void startSink() {
        sink.start();
        ChildJvm.await("SMTP sink", READY, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", smtpPort), 500);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    void killSink() {
        sink.kill();
    }

    void killService(String module) {
        services.get(module).kill();
    }

    /** Starts the service again with the same port and settings and waits until it is ready. */
    void startService(String module) {
        launch(module);
        services.get(module).awaitReady(READY);
    }

    /** A connection to a service's own database, to read when each hop of the catch-up happened. */
    Connection database(String module) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(module.replace('-', '_')), postgres.username(),
                postgres.password());
    }

    /** Each service's process id, for RSS readings. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.forEach((m, p) -> pids.put(m, p.pid()));
        return pids;
    }

    private void launch(String module) {
        int run = runs.merge(module, 1, Integer::sum);
        Path log = work.resolve(module + (run > 1 ? "-run" + run : "") + ".log");
        services.put(module, ServiceProcess.start(module, ServiceProcess.packagedJar(root, module), ports.get(module),
                environment(module), log));
    }

    private Map<String, String> environment(String module) {
        String database = module.replace('-', '_');
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", String.valueOf(ports.get(module)));
        env.put("DATABASE_URL", postgres.jdbcUrl(database));
        env.put("DATABASE_USER", postgres.username());
        env.put("DATABASE_PASSWORD", postgres.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap());
        env.put("DOCUMIND_ISSUER", url("org-service") + "/oidc");
        env.put("DOCUMIND_LOCAL_STACK", "true");
        // A stable member id per instance: a restarted instance gets its partitions back at once.
        env.put("DOCUMIND_CONSUMER_INSTANCE_ID", module + "-1");
        env.put("DOCUMIND_MANAGEMENT_CLIENT_ID", "chaos-m2m");
        env.put("DOCUMIND_MANAGEMENT_CLIENT_SECRET", "chaos-secret-0123456789");
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", String.valueOf(smtpPort));
        // One key across restarts: mail sealed before a kill must still open after it.
        env.put("DOCUMIND_NOTIFICATION_SEALING_KEY", sealingKey);
        // Short-lived JVMs on a shared 2-core machine: start fast, leave cores to the others.
        env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        env.putAll(linkKeys.environmentFor(module));
        env.putAll(TrafficLimits.environmentFor(module)); // the traffic's users all come from 127.0.0.1
        env.putAll(settings);
        return env;
    }

    private String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public void close() {
        services.values().forEach(s -> s.stop(Duration.ofSeconds(30)));
        sink.kill();
        kafka.kill();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (RuntimeException alreadyStopped) {
                // stopped by a scenario that failed before restarting it
            }
        }
    }

    static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp directory; the OS cleans it eventually
        }
    }
}
