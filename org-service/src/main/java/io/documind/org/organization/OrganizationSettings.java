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
     * How often the waiting request looks whether the creator was admitted when it hears of no commit meanwhile
     * ({@link CreatorAdmission} looks again at once when the outbox listener hears one): the fallback for a lost
     * notification, a primary-key read.
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
