package io.documind.notification.delivery;

import io.documind.kit.BackoffSettings;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings under {@code documind.notification.delivery}. The backoff ({@code initial-backoff}, default 10 s, and
 * {@code max-backoff}, default 5 min) paces one email's attempts; mail that waits for the server goes at once when
 * any send succeeds, so the cap bounds only how soon a lone email notices that the server is back.
 */
@ConfigurationProperties("documind.notification.delivery")
public class DeliveryConfiguration extends BackoffSettings {

    /** Run the delivery worker in this process; off only for tests that drive it by hand. */
    private boolean enabled = true;
    /**
     * Senders per instance, each claiming and sending one email at a time: SMTP round trips overlap, so a backlog
     * after an outage drains this many times faster. Each holds a database connection while it claims and records.
     */
    private int workers = 4;
    /** How often an idle worker looks for due mail; mail recorded by this instance wakes it at once. */
    private Duration pollInterval = Duration.ofSeconds(1);
    /**
     * How long a claim outlives its last heartbeat: how soon the mail of a dead sender is taken over. A live
     * sender renews it every fifth of it, however long the send takes.
     */
    private Duration lease = Duration.ofSeconds(10);
    /** How long a transiently failing email is retried, from when it was recorded (as long as MTAs queue mail). */
    private Duration retryFor = Duration.ofDays(5);
    /** Pending mail sealed under a key this instance lacks, overdue by this much, is given up (its sealer is gone). */
    private Duration orphanGrace = Duration.ofMinutes(15);
    /** While mail waits for an SMTP server that was away, how often to check whether it is back. */
    private Duration serverProbeInterval = Duration.ofSeconds(1);
    /** How long the delivery log keeps an email once it is final (Sent, Failed, Cancelled); pending mail stays. */
    private Duration logRetention = Duration.ofDays(90);
    /**
     * How long the "X joined" note to an inviter waits before it may be sent. org-service may yet refuse the grant
     * (InvitationGrantRefused, on its own topic, normally milliseconds behind), among others when the inviter who
     * vouched was removed just before: sent at once, the note told a former member who joined, with their address
     * and roles, before the refusal could cancel it.
     */
    private Duration acceptanceNoteHold = Duration.ofSeconds(5);

    public DeliveryConfiguration() {
        super(Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getWorkers() {
        return workers;
    }

    public void setWorkers(int workers) {
        this.workers = workers;
    }

    public Duration getAcceptanceNoteHold() {
        return acceptanceNoteHold;
    }

    public void setAcceptanceNoteHold(Duration acceptanceNoteHold) {
        this.acceptanceNoteHold = acceptanceNoteHold;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    /** How often a sender renews its claim: often enough that a missed renewal or two does not lose it. */
    public Duration heartbeatInterval() {
        return lease.dividedBy(5);
    }

    public Duration getRetryFor() {
        return retryFor;
    }

    public void setRetryFor(Duration retryFor) {
        this.retryFor = retryFor;
    }

    public Duration getServerProbeInterval() {
        return serverProbeInterval;
    }

    public void setServerProbeInterval(Duration serverProbeInterval) {
        this.serverProbeInterval = serverProbeInterval;
    }

    public Duration getOrphanGrace() {
        return orphanGrace;
    }

    public void setOrphanGrace(Duration orphanGrace) {
        this.orphanGrace = orphanGrace;
    }

    public Duration getLogRetention() {
        return logRetention;
    }

    public void setLogRetention(Duration logRetention) {
        this.logRetention = logRetention;
    }
}
