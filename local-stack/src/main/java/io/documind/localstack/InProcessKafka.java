package io.documind.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-node KRaft Kafka (broker and controller in one server) running inside this JVM. Data lives in
 * {@code dataDir}, so a stop/start or a second process on the same directory sees earlier records.
 */
public final class InProcessKafka implements KafkaBroker {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessKafka.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server; // null while stopped; guarded by this

    private InProcessKafka(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats {@code dataDir} on first use and starts the broker; {@code port} 0 picks a free port. */
    public static InProcessKafka start(Path dataDir, int port) {
        InProcessKafka kafka = new InProcessKafka(dataDir, FreePorts.orPick(port), FreePorts.pick());
        kafka.start();
        return kafka;
    }

    /**
     * The same one-node broker as its own JVM ({@code kafka.Kafka <file>}), as fault injection needs a broker it
     * can kill: formats {@code dataDir} on first use and writes this class's configuration to {@code file}.
     */
    public static Path writeServerProperties(Path dataDir, int port, int controllerPort, Path file) {
        InProcessKafka layout = new InProcessKafka(dataDir, port, controllerPort);
        Properties props = layout.brokerProperties();
        layout.formatIfNeeded(KafkaConfig.fromProps(props));
        try (var out = Files.newBufferedWriter(file)) {
            props.store(out, "one-node KRaft broker, written by InProcessKafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        KafkaConfig config = KafkaConfig.fromProps(brokerProperties());
        formatIfNeeded(config);
        KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            candidate.startup();
            awaitBrokerRegistered();
        } catch (RuntimeException e) {
            // Release ports and the log directory lock, so the caller may retry or start elsewhere.
            candidate.shutdown();
            candidate.awaitShutdown();
            throw e;
        }
        server = candidate;
        LOG.info("In-process Kafka listening on {} (data in {})", bootstrapServers(), dataDir);
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        // shutdown() closes the listeners; awaitShutdown() returns once the log is flushed and closed,
        // so a following start() can reopen the same directory and ports.
        server.shutdown();
        server.awaitShutdown();
        server = null;
        LOG.info("In-process Kafka on {} stopped", bootstrapServers());
    }

    @Override
    public void close() {
        stop();
    }

    private Properties brokerProperties() {
        String broker = "127.0.0.1:" + port;
        String controller = "127.0.0.1:" + controllerPort;
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                // Static voters: the controller address is config, not metadata, so it may change between runs.
                Map.entry("controller.quorum.voters", NODE_ID + "@" + controller),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("listeners", "PLAINTEXT://" + broker + "," + CONTROLLER_LISTENER + "://" + controller),
                Map.entry("advertised.listeners", "PLAINTEXT://" + broker),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", dataDir.toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("auto.create.topics.enable", "true"),
                // A single node: every replication factor and min ISR must be 1.
                Map.entry("default.replication.factor", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                // Tests must not wait 3 s for the first consumer group rebalance.
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // Offset commits are written at once instead of after Kafka 4's 5 ms batching window: the consumers
                // commit each event before reading the next, so the window was ~10 ms on every event's path.
                Map.entry("group.coordinator.append.linger.ms", "0"),
                // Keep memory and threads small: several brokers may share one test JVM on a 2-core box.
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024)),
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "2"),
                Map.entry("num.recovery.threads.per.data.dir", "1"),
                Map.entry("background.threads", "2")));
        return props;
    }

    /** The equivalent of {@code kafka-storage.sh format}, skipped when the directory already holds a cluster. */
    private void formatIfNeeded(KafkaConfig config) {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            Files.createDirectories(dataDir);
            new Formatter()
                    .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(List.of(dataDir.toString()))
                    .setHasDynamicQuorum(false)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("formatting Kafka storage in " + dataDir + " failed: " + output, e);
        }
        LOG.debug("Formatted Kafka storage: {}", output.toString(StandardCharsets.UTF_8).trim());
    }

    /** startup() returns before the broker has registered with its controller; clients would see no brokers yet. */
    private void awaitBrokerRegistered() {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(adminConfig)) {
            boolean ready = Poll.until(READY_TIMEOUT, () -> hasBroker(admin));
            if (!ready) {
                throw new IllegalStateException("Kafka on " + bootstrapServers() + " not ready after " + READY_TIMEOUT);
            }
        }
    }

    private static boolean hasBroker(Admin admin) {
        try {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }
}
