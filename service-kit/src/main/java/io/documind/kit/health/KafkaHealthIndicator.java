package io.documind.kit.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kafka in the health details, never as a reason to be unready: with the broker down a service still serves every
 * request (the outbox keeps its events until the broker is back), so failing readiness would turn a Kafka outage
 * into a full API outage behind any load balancer. Alert on {@code documind.kafka.reachable}, the outbox backlog
 * and consumer lag instead (README, Operations).
 */
@Singleton
public class KafkaHealthIndicator implements HealthIndicator {

    private static final String NAME = "kafka";
    private final KafkaReachability reachability;

    public KafkaHealthIndicator(KafkaReachability reachability) {
        this.reachability = reachability;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaReachability.State state = reachability.state();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reachable", state.reachable());
        details.put("brokers", state.brokers());
        details.put("checkedAt", state.checkedAt().toString());
        if (state.error() != null) {
            details.put("error", state.error());
            details.put("effect", "events wait in the outbox and are consumed once the broker is back");
        }
        return Mono.just(HealthResult.builder(NAME).status(HealthStatus.UP).details(details).build());
    }
}
