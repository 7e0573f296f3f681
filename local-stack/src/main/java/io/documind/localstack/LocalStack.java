package io.documind.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The running local stack: embedded Kafka, PostgreSQL and SMTP, then the four services as child JVMs.
 * {@link #close()} stops them in reverse dependency order and is safe to call twice (main and shutdown hook).
 */
final class LocalStack implements AutoCloseable {

    /** Longer than a service's own bound (DOCUMIND_SHUTDOWN_TIMEOUT, 25 s), so a stop is never cut short. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final LocalData data;
    private final Ports ports;
    private final Map<String, String> env;
    private final List<ServiceProcess> services = new ArrayList<>();
    private KafkaBroker kafka;
    private PostgresServer postgres;
    private MailServer mail;
    private volatile boolean running; // all services answered; from then on an exit is worth reporting
    private volatile boolean closing;
    private boolean closed;

    LocalStack(LocalData data, Ports ports, Map<String, String> env) {
        this.data = data;
        this.ports = ports;
        this.env = env;
    }

    /** The ports this run binds: PostgreSQL's only when it is ours, the services' only when we start them. */
    static Set<Port> portsToBind(Map<String, String> env, boolean withServices) {
        Set<Port> needed = EnumSet.allOf(Port.class);
        if (!withServices) {
            for (Service service : Service.values()) {
                needed.remove(service.port);
            }
        }
        if (externalPostgresUrl(env) != null) {
            needed.remove(Port.POSTGRES);
        }
        return needed;
    }

    synchronized void startInfrastructure() {
        if (closing) {
            return; // Ctrl-C arrived while we waited for the lock
        }
        String externalUrl = externalPostgresUrl(env);
        String externalUser = env.get("DOCUMIND_POSTGRES_USER");
        if (externalUrl != null && (externalUser == null || externalUser.isBlank())) {
            // Before anything starts; unset it reached the services' environment as null and failed as a bare NPE.
            throw new LauncherException("DOCUMIND_POSTGRES_URL is set without DOCUMIND_POSTGRES_USER: set the user "
                    + "(and DOCUMIND_POSTGRES_PASSWORD) the launcher and the services log in to that server as");
        }
        kafka = InProcessKafka.start(data.kafkaDir(), ports.get(Port.KAFKA));
        postgres = externalUrl != null
                ? new ExternalPostgresServer(externalUrl, externalUser,
                        env.getOrDefault("DOCUMIND_POSTGRES_PASSWORD", ""))
                : EmbeddedPostgresServer.start(data.postgresDir(), ports.get(Port.POSTGRES));
        for (Service service : Service.values()) {
            postgres.createDatabaseIfMissing(service.database);
        }
        mail = MailServer.start(ports.get(Port.SMTP), ports.get(Port.MAIL_API));
    }

    synchronized void startServices(Map<Service, Path> jars) {
        if (closing) {
            return; // children started after close() would outlive us
        }
        for (Service service : Service.values()) {
            ServiceProcess process = ServiceProcess.start(service.module, jars.get(service), ports.get(service.port),
                    serviceEnvironment(service), data.logsDir().resolve(service.module + ".log"));
            data.recordChild(process.pid());
            services.add(process);
            process.onExit(() -> reportUnexpectedExit(process));
        }
    }

    /**
     * Waits until every service is ready, all within the timeout (they start side by side); fails naming the
     * first that exited or timed out, with the end of its log.
     */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ServiceProcess service : List.copyOf(services)) {
            try {
                service.awaitReady(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (IllegalStateException e) {
                // Ctrl-C meanwhile stops the services: that is the news, not their exit.
                throw new LauncherException(closing ? "stopped before all services were ready" : e.getMessage());
            }
        }
        running = true;
    }

    Map<String, String> serviceEnvironment(Service service) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("SERVER_PORT", String.valueOf(ports.get(service.port)));
        vars.put("DATABASE_URL", postgres.jdbcUrl(service.database));
        vars.put("DATABASE_USER", postgres.username());
        vars.put("DATABASE_PASSWORD", postgres.password());
        vars.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        vars.put("DOCUMIND_ISSUER", issuer());
        vars.put("SMTP_HOST", "127.0.0.1");
        vars.put("SMTP_PORT", String.valueOf(mail.smtpPort()));
        vars.put("DOCUMIND_LOCAL_STACK", "true");
        // Loopback only, as the infrastructure (DESIGN §7): Micronaut listens on every interface by default, and the
        // local stack hands out a well-known Management API secret.
        vars.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
        // One instance of each service here: a stable id gives it static membership in its consumer group, so a
        // restart gets its partitions back at once.
        vars.put("DOCUMIND_CONSUMER_INSTANCE_ID", service.module + "-1");
        // LOCAL DEVELOPMENT ONLY: the well-known local Management API client (see LocalOnlyDefaults).
        vars.put("DOCUMIND_MANAGEMENT_CLIENT_ID", LocalOnlyDefaults.MANAGEMENT_CLIENT_ID);
        vars.put("DOCUMIND_MANAGEMENT_CLIENT_SECRET", LocalOnlyDefaults.MANAGEMENT_CLIENT_SECRET);
        // LOCAL DEVELOPMENT ONLY: the invitation-link key pair kept under .local/, each half to its service.
        vars.putAll(data.linkKeys().environmentFor(service.module));
        // LOCAL DEVELOPMENT ONLY: the sealing key kept under .local/, so mail waiting across a restart still goes.
        vars.putAll(data.sealingKey().environmentFor(service.module));
        return vars;
    }

    String issuer() {
        return "http://localhost:" + ports.get(Port.ORG_SERVICE) + "/oidc";
    }

    Ports ports() {
        return ports;
    }

    KafkaBroker kafka() {
        return kafka;
    }

    PostgresServer postgres() {
        return postgres;
    }

    MailServer mail() {
        return mail;
    }

    LocalData data() {
        return data;
    }

    /**
     * The services first, each with what it started (graceful, forced after {@link #STOP_TIMEOUT}), then GreenMail,
     * Kafka, PostgreSQL. Nothing else: other children of this JVM (a test's own servers) are not ours to stop.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closing = true;
        services.forEach(ServiceProcess::requestStop);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        services.forEach(service -> service.awaitStop(deadline));
        closeQuietly(mail);
        closeQuietly(kafka);
        closeQuietly(postgres);
        data.release();
        closed = true;
    }

    private void reportUnexpectedExit(ServiceProcess process) {
        if (running && !closing) {
            System.err.println("local-stack: " + process.name + " exited (code "
                    + process.exitCode().orElse(-1) + "); see " + process.log);
        }
    }

    private static String externalPostgresUrl(Map<String, String> env) {
        String url = env.get("DOCUMIND_POSTGRES_URL");
        return url == null || url.isBlank() ? null : url;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("local-stack: stopping " + closeable.getClass().getSimpleName() + " failed: " + e);
        }
    }
}
