package io.documind.kit.consumer;

import io.documind.kit.RetrySettings;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings under {@code documind.consumer}. The retry settings ({@code max-attempts}, {@code initial-backoff},
 * {@code max-backoff}) are for an event whose handler fails for a reason of its own, before it goes to the
 * dead-letter topic.
 */
@ConfigurationProperties("documind.consumer")
public class ConsumerConfiguration extends RetrySettings {

    private boolean enabled = true;
    /** Consumer group, and the name under which applied event ids are recorded; defaults to the service name. */
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

    public ConsumerConfiguration() {
        super(4, Duration.ofMillis(100), Duration.ofSeconds(10));
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
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
}
