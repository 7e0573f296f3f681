package io.documind.localstack;

import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka in a Docker container (Testcontainers), used where a Docker engine answers. An outage is a
 * {@code docker pause}: the container keeps its mapped port and data, it just stops answering.
 */
public final class ContainerKafka implements KafkaBroker {

    /** The broker image matching the kafka-clients on the classpath, so clients and broker agree. */
    static final String IMAGE = "apache/kafka:" + AppInfoParser.getVersion();

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    public static ContainerKafka launch() {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(IMAGE))
                .withEnv("KAFKA_NUM_PARTITIONS", "3")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_GROUP_COORDINATOR_APPEND_LINGER_MS", "0"); // as InProcessKafka: commits at once
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers().replaceFirst("^PLAINTEXT://", "");
    }

    @Override
    public synchronized void stop() {
        if (!isPaused()) {
            container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
        }
    }

    @Override
    public synchronized void start() {
        if (isPaused()) {
            container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
        }
    }

    @Override
    public void close() {
        container.stop();
    }

    private boolean isPaused() {
        Boolean paused = container.getCurrentContainerInfo().getState().getPaused();
        return Boolean.TRUE.equals(paused);
    }
}
