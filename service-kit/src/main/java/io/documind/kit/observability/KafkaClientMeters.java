package io.documind.kit.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * Keeps the Kafka clients' own metrics out of /prometheus unless {@code documind.metrics.kafka-clients} is true
 * ({@code DOCUMIND_METRICS_KAFKA_CLIENTS}). micronaut-kafka mirrors every metric of every producer and consumer into
 * Micrometer: 201-234 series per service, about 60% of all its series (mostly per client, some per topic partition),
 * and it registers some names twice with different tags, which the Prometheus registry refuses with a WARN at every
 * start. What an operator watches of the event pipeline is the kit's own {@code documind_outbox_*} and
 * {@code documind_consumer_*}.
 *
 * <p>A filter rather than switching micronaut-kafka's metrics binder off: without its reporter, Kafka's clients
 * fall back to their default reporter, JMX, and register every one of those metrics as an MBean instead.
 */
@Singleton
public class KafkaClientMeters implements MeterFilter {

    /** micronaut-kafka names each mirrored metric {@code kafka.<client kind>.<Kafka's name>}. */
    static final String PREFIX = "kafka.";

    private final boolean kept;

    /**
     * {@code kept} read as Micronaut reads a boolean ({@code TRUE}, {@code on} and {@code yes} too): a
     * {@code @Requires(notEquals = "true")} on the bean compared the text, so {@code TRUE} still dropped them.
     */
    public KafkaClientMeters(@Value("${documind.metrics.kafka-clients:false}") boolean kept) {
        this.kept = kept;
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return !kept && id.getName().startsWith(PREFIX) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }
}
