package io.documind.bench;

import io.documind.localstack.EmbeddedPostgresServer;
import io.documind.localstack.FreePorts;
import io.documind.localstack.InProcessKafka;
import io.documind.localstack.LinkKeys;
import io.documind.localstack.ServiceProcess;
import io.documind.localstack.TrafficLimits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Real infrastructure and packaged services for a benchmark run, all on loopback, all stopped at the end. */
public final class BenchStack implements AutoCloseable {

    private final Path work;
    private final InProcessKafka kafka;
    private final EmbeddedPostgresServer postgres;
    /** Copy-on-write: the stop-on-exit hook may walk it while the benchmark's thread adds or removes one. */
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    /**
     * Stops the services and PostgreSQL when the benchmark's JVM is stopped early (Ctrl-C, SIGTERM): they are
     * processes of their own and outlived it before (seen: a service and its database left running for half an hour,
     * skewing the next benchmark's figures). Kafka runs in this JVM and goes with it.
     */
    private final Thread stopOnExit = new Thread(this::stopAll, "bench-stack-stop");
    private boolean stopped;

    public BenchStack() {
        try {
            work = Files.createTempDirectory("documind-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafka = InProcessKafka.start(work.resolve("kafka"), 0);
        postgres = EmbeddedPostgresServer.start(null, 0);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts a packaged service (from the repository root's module target) and waits until it is ready. */
    public String start(String module, Map<String, String> settings) {
        return start(module, module, settings);
    }

    /** Another instance of a module has a name of its own (its log); it shares the module's database. */
    String start(String module, String name, Map<String, String> settings) {
        return start(root(), module, database(module), name, settings);
    }

    /**
     * An instance packaged under another checkout's root (a baseline build to compare with), on the named database
     * (see {@link #launch(Path, String, String, String, Map)}).
     */
    String start(Path root, String module, String database, String name, Map<String, String> settings) {
        ServiceProcess process = launch(root, module, database, name, settings);
        process.awaitReady(Duration.ofSeconds(120));
        return "http://127.0.0.1:" + process.port();
    }

    /** Starts a packaged service without waiting for it (a start-up benchmark times the wait itself). */
    ServiceProcess launch(String module, String name, Map<String, String> settings) {
        return launch(root(), module, name, settings);
    }

    /** A module's own database (every instance of this build shares it): its name with underscores. */
    private static String database(String module) {
        return module.replace('-', '_');
    }

    private static Path root() {
        return Path.of(System.getProperty("documind.root", "."));
    }

    /** As {@link #launch(String, String, Map)}, packaged under another checkout's root (a baseline build). */
    ServiceProcess launch(Path root, String module, String name, Map<String, String> settings) {
        return launch(root, module, database(module), name, settings);
    }

    /**
     * As above, on a database of the given name: a build compared with another at start-up needs its own, since an
     * older build refuses a database on which a newer one applied a migration it does not have.
     */
    ServiceProcess launch(Path root, String module, String database, String name, Map<String, String> settings) {
        int port = FreePorts.pick();
        postgres.createDatabaseIfMissing(database);
        // The link key pair's half this module needs (org-service refuses to start without its public half); a
        // benchmark's own settings come after, so they may override it.
        Map<String, String> env = new HashMap<>(LinkKeys.forThisRun().environmentFor(module));
        env.putAll(TrafficLimits.environmentFor(module)); // a benchmark's users all come from 127.0.0.1
        env.putAll(settings);
        env.replaceAll((k, v) -> v.replace("{port}", String.valueOf(port)));
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("DATABASE_URL", postgres.jdbcUrl(database));
        env.put("DATABASE_USER", postgres.username());
        env.put("DATABASE_PASSWORD", postgres.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("DOCUMIND_LOCAL_STACK", "true"); // embedded infrastructure with its local credentials
        Path jar = ServiceProcess.packagedJar(root, module);
        ServiceProcess process = ServiceProcess.start(name, jar, port, env, work.resolve(name + ".log"));
        services.add(process);
        return process;
    }

    /**
     * Stops a started instance and forgets it; up to 60 s, as a JVM writing its class data archive on exit needs
     * longer than a plain stop on a busy machine.
     */
    void stop(ServiceProcess process) {
        process.stop(Duration.ofSeconds(60));
        services.remove(process);
    }

    /** Each started instance's process id, by name (for RSS readings). */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        services.forEach(s -> pids.put(s.name(), s.pid()));
        return pids;
    }

    /** CPU accounting for the started instance of that name (its own JVM process). */
    public ServerCpu serviceCpu(String name) {
        return ServerCpu.of(ProcessHandle.of(pids().get(name)).orElseThrow());
    }

    /** CPU accounting for PostgreSQL, which runs as processes of its own (zero if its postmaster is not found). */
    public ServerCpu databaseCpu() {
        return ServerCpu.postgresOn(postgres.port());
    }

    /** Where the broker listens, for a benchmark's own clients (e.g. a consumer watching the services' events). */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** A connection to a started module's database, for seeding data sets too large to create over HTTP. */
    java.sql.Connection connect(String module) throws java.sql.SQLException {
        return connectTo(database(module));
    }

    /** A connection to a database by name (a baseline instance's, say). */
    java.sql.Connection connectTo(String database) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(),
                postgres.password());
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already stopping: the hook has run or will find everything stopped
        }
    }

    private synchronized void stopAll() {
        if (stopped) {
            return;
        }
        stopped = true;
        services.forEach(s -> s.stop(Duration.ofSeconds(15)));
        kafka.close();
        postgres.close();
    }

    /** Pacing and waiting for a span of time (not synchronisation: that polls). */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
