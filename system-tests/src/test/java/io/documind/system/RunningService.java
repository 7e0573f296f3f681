package io.documind.system;

import io.documind.localstack.FreePorts;
import io.documind.localstack.KafkaBroker;
import io.documind.localstack.LinkKeys;
import io.documind.localstack.MailServer;
import io.documind.localstack.ServiceProcess;
import io.documind.localstack.TrafficLimits;
import io.documind.localstack.testing.TestInfrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A packaged service started as its own JVM on a database of its own and the given broker; {@link #sibling()}
 * starts another instance of it on the same database and consumer group, as an operator scales a service.
 */
final class RunningService implements AutoCloseable {

    /**
     * Test processes live for seconds: the client compiler alone and the serial collector start them sooner and
     * leave more of a small machine's cores to the others (several services and the broker run side by side).
     */
    private static final String JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    /** More than a service's whole graceful stop (DOCUMIND_SHUTDOWN_TIMEOUT, 25 s by default) before SIGKILL. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** The instance's stable consumer-group member id (static membership), kept across its restarts. */
    private static final String INSTANCE_ID = "DOCUMIND_CONSUMER_INSTANCE_ID";

    private final String module;
    private final String instance;
    private final TestInfrastructure.Database database;
    private final Map<String, String> environment;
    private final int port;
    private ServiceProcess process;
    private int runs;

    private RunningService(String module, String instance, TestInfrastructure.Database database,
                           Map<String, String> environment, int port) {
        this.module = module;
        this.instance = instance;
        this.database = database;
        this.environment = environment;
        this.port = port;
    }

    static RunningService start(String module, KafkaBroker kafka, Map<String, String> settings) {
        return start(module, kafka, FreePorts.pick(), settings);
    }

    /** Starts a service on the given port; its own database, the broker and any further settings. */
    static RunningService start(String module, KafkaBroker kafka, int port, Map<String, String> settings) {
        TestInfrastructure.Database db = TestInfrastructure.freshDatabase(module.replace('-', '_'));
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("DATABASE_URL", db.jdbcUrl());
        environment.put("DATABASE_USER", db.username());
        environment.put("DATABASE_PASSWORD", db.password());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("DOCUMIND_LOCAL_STACK", "true"); // embedded infrastructure with its local credentials
        LinkKeys.forThisRun().environmentFor(module).forEach(environment::putIfAbsent); // this run's link key pair
        TrafficLimits.environmentFor(module).forEach(environment::putIfAbsent); // many sign-ups from 127.0.0.1
        environment.putIfAbsent("JAVA_TOOL_OPTIONS", JVM_OPTIONS);
        environment.put(INSTANCE_ID, module);
        RunningService service = new RunningService(module, module, db, withPort(environment, port), port);
        service.start();
        return service;
    }

    /** org-service, its own issuer, with a management application registered from configuration. */
    static RunningService orgService(KafkaBroker kafka, String managementClient, String managementSecret) {
        return orgService(kafka, managementClient, managementSecret, Map.of());
    }

    static RunningService orgService(KafkaBroker kafka, String managementClient, String managementSecret,
                                     Map<String, String> settings) {
        int port = FreePorts.pick();
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("DOCUMIND_ISSUER", "http://127.0.0.1:" + port + "/oidc");
        environment.put("DOCUMIND_MANAGEMENT_CLIENT_ID", managementClient);
        environment.put("DOCUMIND_MANAGEMENT_CLIENT_SECRET", managementSecret);
        return start("org-service", kafka, port, environment);
    }

    /** A resource service trusting org-service's tokens. */
    static RunningService trusting(String module, RunningService org, KafkaBroker kafka, Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("DOCUMIND_ISSUER", org.issuer());
        return start(module, kafka, environment);
    }

    /** notification-service trusting org-service's tokens and sending through the given SMTP server. */
    static RunningService notificationService(RunningService org, KafkaBroker kafka, MailServer mail,
                                              Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("SMTP_HOST", "127.0.0.1");
        environment.put("SMTP_PORT", String.valueOf(mail.smtpPort()));
        return trusting("notification-service", org, kafka, environment);
    }

    /**
     * Another instance of this service: same database, consumer group (the default, the service name) and
     * settings, its own port; started and ready.
     */
    RunningService sibling(String name) {
        int siblingPort = FreePorts.pick();
        Map<String, String> siblingEnvironment = new HashMap<>(environment);
        siblingEnvironment.put(INSTANCE_ID, module + "-" + name); // each instance its own static group member
        RunningService sibling = new RunningService(module, module + "-" + name, database,
                withPort(siblingEnvironment, siblingPort), siblingPort);
        sibling.start();
        return sibling;
    }

    /** (Re)starts the process with the same database, port and settings, and waits until it is ready. */
    void start() {
        runs++;
        String log = instance + (runs > 1 ? "-run" + runs : ""); // a restart keeps the earlier run's log
        process = ServiceProcess.start(instance, packagedJar(module), port, environment, logFile(log));
        process.awaitReady(READY_TIMEOUT);
    }

    /** The service's jar as `mvn package` leaves it. */
    static Path packagedJar(String module) {
        Path jar = ServiceProcess.packagedJar(Path.of(System.getProperty("documind.root", "..")), module);
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

    /** A graceful stop (SIGTERM), waiting for the exit; killed only if it has not ended after {@link #STOP_TIMEOUT}. */
    void stop() {
        process.stop(STOP_TIMEOUT);
    }

    /** SIGKILL: the process ends at once, as in a crash; {@link #start()} starts it again. */
    void kill() {
        process.kill();
    }

    /** Sends SIGTERM and returns at once, as an orchestrator asks a process to stop. */
    void terminate() {
        process.requestStop();
    }

    /** Waits up to the timeout for the process to end by itself: its exit code, or empty while it still runs. */
    OptionalInt awaitExit(Duration timeout) {
        return process.awaitExit(timeout);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The current run's log, up to its last 2,000 lines. */
    List<String> logLines() {
        return process.lastLogLines(2_000);
    }

    String module() {
        return module;
    }

    int port() {
        return port;
    }

    /** The issuer URL of org-service, which every other service must be configured with. */
    String issuer() {
        return baseUrl() + "/oidc";
    }

    /** The service's database, shared by all its instances. */
    TestInfrastructure.Database database() {
        return database;
    }

    String name() {
        return instance;
    }

    @Override
    public void close() {
        if (process != null) {
            stop();
        }
    }

    private static Map<String, String> withPort(Map<String, String> environment, int port) {
        environment.put("SERVER_PORT", String.valueOf(port));
        return Map.copyOf(environment);
    }
}
