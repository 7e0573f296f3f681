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
}
