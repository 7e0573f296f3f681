package io.documind.kit.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the Kafka cluster answers, probed on a schedule (not per health request) so the
 * {@code documind.kafka.reachable} gauge is fresh for alerting even when nobody reads /health. It does not decide
 * readiness: a service without Kafka still serves its API (events wait in the outbox, consumers catch up later).
 */
@Singleton
public class KafkaReachability {

    /** The last probe's answer; {@code brokers} is 0 and {@code error} set when the cluster did not answer. */
    public record State(boolean reachable, int brokers, String error, Instant checkedAt) {
    }

    private final Admin admin;
    private final Duration timeout;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<State> state;

    public KafkaReachability(Admin admin, MeterRegistry metrics,
                             @Value("${documind.kafka.reachability-timeout:3s}") Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
        this.state = new AtomicReference<>(new State(false, 0, "not probed yet", clock.instant()));
        metrics.gauge("documind.kafka.reachable", state, s -> s.get().reachable() ? 1 : 0);
    }

    public State state() {
        return state.get();
    }

    /** Non-blocking: the admin client completes on its own thread; a slow cluster never holds a scheduler thread. */
    @Scheduled(fixedDelay = "${documind.kafka.reachability-interval:10s}", initialDelay = "1s")
    void probe() {
        admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                .nodes().toCompletionStage()
                .whenComplete((nodes, error) -> state.set(error == null && !nodes.isEmpty()
                        ? new State(true, nodes.size(), null, clock.instant())
                        : new State(false, 0, error == null ? "no brokers" : String.valueOf(error.getMessage()),
                        clock.instant())));
    }
}
