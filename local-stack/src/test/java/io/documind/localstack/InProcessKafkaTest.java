package io.documind.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InProcessKafkaTest {

    private static final String TOPIC = "outage-test";

    @Test
    void writesAFormattedDirectoryAndItsConfigurationForABrokerInItsOwnJvm(@TempDir Path dir) throws Exception {
        Path file = InProcessKafka.writeServerProperties(dir.resolve("data"), 39001, 39002, dir.resolve("server.properties"));
        java.util.Properties props = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(file)) {
            props.load(in);
        }
        assertEquals("PLAINTEXT://127.0.0.1:39001", props.getProperty("advertised.listeners"));
        assertEquals("1@127.0.0.1:39002", props.getProperty("controller.quorum.voters"));
        assertEquals(dir.resolve("data").toAbsolutePath().toString(), props.getProperty("log.dirs"));
        assertTrue(java.nio.file.Files.exists(dir.resolve("data").resolve("meta.properties")), "formatted for kafka.Kafka");
    }

    @Test
    void stopMakesTheBrokerUnreachableAndStartBringsItBackWithItsData(@TempDir Path dataDir) throws Exception {
        try (InProcessKafka kafka = InProcessKafka.start(dataDir, 0);
             KafkaProducer<String, String> retrying = KafkaTestClients.producer(kafka, Map.of());
             KafkaProducer<String, String> impatient = KafkaTestClients.producer(kafka, Map.of(
                     ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000,
                     ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000,
                     ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000))) {
            sendAndWait(retrying, "before");
            impatient.send(new ProducerRecord<>(TOPIC, "warm-up")).get(30, TimeUnit.SECONDS);

            kafka.stop();
            assertFalse(accepts(kafka.bootstrapServers()), "port must refuse connections while stopped");
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> impatient.send(new ProducerRecord<>(TOPIC, "lost")).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, failed.getCause());
            // Kafka 4 clients re-bootstrap when every broker is gone, so this send blocks on metadata until the
            // broker is back (max.block.ms); run it aside while we restart the broker.
            CompletableFuture<RecordMetadata> duringOutage = CompletableFuture.supplyAsync(
                    () -> sendAndWait(retrying, "during"));

            kafka.start();
            assertTrue(accepts(kafka.bootstrapServers()));
            duringOutage.get(60, TimeUnit.SECONDS); // a waiting producer gets through once it is back
            sendAndWait(retrying, "after");
        }

        // Same directory, new broker instance: the records survived a full restart too.
        try (InProcessKafka restarted = InProcessKafka.start(dataDir, 0)) {
            List<String> values = KafkaTestClients.readValues(restarted, TOPIC, 4, Duration.ofSeconds(30));
            assertEquals(List.of("after", "before", "during", "warm-up"), values.stream().sorted().toList());
        }
    }

    private static RecordMetadata sendAndWait(KafkaProducer<String, String> producer, String value) {
        try {
            return producer.send(new ProducerRecord<>(TOPIC, value)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send of " + value + " failed", e);
        }
    }

    private static boolean accepts(String hostPort) {
        String[] parts = hostPort.split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(parts[0], Integer.parseInt(parts[1])), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
