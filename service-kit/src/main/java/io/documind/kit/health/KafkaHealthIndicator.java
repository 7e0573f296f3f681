package io.documind.kit.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.reactivestreams.Publisher;

import java.time.Duration;
import java.util.Map;

/**
 * Readiness: a service that cannot reach Kafka can neither publish its outbox nor consume, so it reports
 * DOWN (and /health/readiness answers 503) until the cluster answers again.
 */
@Singleton
public class KafkaHealthIndicator implements HealthIndicator {

    private static final String NAME = "kafka";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final Admin admin;

    public KafkaHealthIndicator(Admin admin) {
        this.admin = admin;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        // Non-blocking: the admin client completes the future on its own thread.
        return Publishers.fromCompletableFuture(() -> admin
                .describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                .nodes().toCompletionStage().toCompletableFuture()
                .thenApply(nodes -> HealthResult.builder(NAME)
                        .status(nodes.isEmpty() ? HealthStatus.DOWN : HealthStatus.UP)
                        .details(Map.of("brokers", nodes.size())).build())
                .exceptionally(e -> HealthResult.builder(NAME).status(HealthStatus.DOWN)
                        .details(Map.of("error", String.valueOf(e.getMessage()))).build()));
    }
}
