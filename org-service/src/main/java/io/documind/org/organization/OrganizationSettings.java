package io.documind.org.organization;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** Settings under {@code documind.organization}. */
@ConfigurationProperties("documind.organization")
public class OrganizationSettings {

    /**
     * How long {@code POST /organizations} waits for the creator to become Admin (through its own event) before
     * answering 202 instead of 201. Zero answers at once.
     */
    private Duration creatorWait = Duration.ofSeconds(5);
    /**
     * How often the waiting request looks whether the creator was admitted: what it adds to the answer is half of
     * this on average. 5 ms (was 50 ms, half of issue 15's 50 ms budget for event to token): a primary-key read, some
     * ten per create when the consumer keeps up, and creates are few and rate-limited.
     */
    private Duration creatorPollInterval = Duration.ofMillis(5);
    /** Largest {@code customData} an organization may carry, in bytes of UTF-8 JSON. */
    private int customDataMaxBytes = 8192;

    public int getCustomDataMaxBytes() {
        return customDataMaxBytes;
    }

    public void setCustomDataMaxBytes(int customDataMaxBytes) {
        this.customDataMaxBytes = customDataMaxBytes;
    }

    public Duration getCreatorWait() {
        return creatorWait;
    }

    public void setCreatorWait(Duration creatorWait) {
        this.creatorWait = creatorWait;
    }

    public Duration getCreatorPollInterval() {
        return creatorPollInterval;
    }

    public void setCreatorPollInterval(Duration creatorPollInterval) {
        this.creatorPollInterval = creatorPollInterval;
    }
}
