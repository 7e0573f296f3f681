package io.documind.kit.consumer;

import io.documind.kit.BackoffSettings;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings under {@code documind.consumer}, for each service's {@code @KafkaListener}. The constants are the
 * placeholders its annotation reads them through, so every service's listener is declared with the same values.
 * The backoff ({@code initial-backoff}, {@code max-backoff}) paces a database outage; {@code initial-backoff} is also
 * the first pause of micronaut-kafka's exponential retry of an event whose handler fails for a reason of its own.
 */
@ConfigurationProperties("documind.consumer")
public class ConsumerConfiguration extends BackoffSettings {

    /** Set to false (tests, tools) and no listener is created. */
    public static final String ENABLED = "documind.consumer.enabled";
    /** Consumer group, and the name under which applied event ids are recorded; defaults to the service name. */
    public static final String GROUP_ID = "${documind.consumer.group-id}";
    /** First pause of the exponential retry; it doubles with each retry. */
    public static final String RETRY_DELAY = "${documind.consumer.initial-backoff:100ms}";
    /** Retries after the first attempt before the event goes to the dead-letter topic. */
    public static final String MAX_RETRIES = "${documind.consumer.max-retries:3}";

    private String groupId;
    /**
     * This instance's stable id in its group (Kafka static membership, {@code group.instance.id}), from
     * DOCUMIND_CONSUMER_INSTANCE_ID: an instance restarted under the same id gets its partitions back at once, with
     * no rebalance and no wait for its old session to expire. Unique per instance (a second process under the same
     * id fences the first); unset, membership is dynamic.
     */
    private String instanceId;
    /**
     * How long the group waits for a silent member before giving its partitions to the others: the takeover time
     * after a crash. Kafka's default (45 s) left events unconsumed for that long; the broker's minimum is 6 s.
     * Heartbeats go every third of it from the client's own thread, so a busy handler does not count as silence.
     */
    private Duration sessionTimeout = Duration.ofSeconds(6);
    /**
     * How long one record may be held as meeting an outage before, if the database answers a probe, its failure is
     * counted as the record's own (bounded retries, then the dead-letter topic): see {@link OutageRun}.
     */
    private Duration outageCeiling = Duration.ofMinutes(1);
    /**
     * How long a consumer's claim of an applied event id is kept (ProcessedEventPruning): longer than the topics keep
     * their events ({@code retention.ms} plus {@code segment.ms}), since a claim pruned while its event can still be
     * redelivered lets the event apply twice.
     */
    private Duration processedEventRetention = Duration.ofDays(30);

    public ConsumerConfiguration() {
        super(Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId == null || instanceId.isBlank() ? null : instanceId.strip();
    }

    public Duration getSessionTimeout() {
        return sessionTimeout;
    }

    public void setSessionTimeout(Duration sessionTimeout) {
        this.sessionTimeout = sessionTimeout;
    }

    public Duration getOutageCeiling() {
        return outageCeiling;
    }

    public void setOutageCeiling(Duration outageCeiling) {
        if (outageCeiling == null || outageCeiling.isNegative() || outageCeiling.isZero()) {
            throw new IllegalArgumentException("documind.consumer.outage-ceiling must be positive");
        }
        this.outageCeiling = outageCeiling;
    }

    public Duration getProcessedEventRetention() {
        return processedEventRetention;
    }

    public void setProcessedEventRetention(Duration processedEventRetention) {
        if (processedEventRetention == null || processedEventRetention.toHours() < 1) {
            throw new IllegalArgumentException("documind.consumer.processed-event-retention must be at least an hour");
        }
        this.processedEventRetention = processedEventRetention;
    }
}
