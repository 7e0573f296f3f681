package io.documind.org.organization;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.UUID;

/**
 * Read-your-writes after creating an organization: the creator becomes Admin only when this service's consumer
 * applies OrganizationCreated, so the create request waits (bounded) for that before answering.
 *
 * <p>Polling, not LISTEN/NOTIFY: the consumer's commit sets {@code organization.creator_admitted_at}, and the
 * waiting request reads it by primary key every {@code creator-poll-interval} (5 ms). Creating an organization is
 * rare, the wait usually ends after a few reads, and any instance sees any other's commit without a listener
 * connection per instance or a missed-notification fallback. The latency cost is at most one interval.
 */
@Singleton
public class CreatorAdmission {

    /** What a client is told to wait before asking again, when the wait ran out. */
    public static final long RETRY_AFTER_SECONDS = 1;

    private final OrganizationRepository organizations;
    private final OrganizationSettings settings;

    public CreatorAdmission(OrganizationRepository organizations, OrganizationSettings settings) {
        this.organizations = organizations;
        this.settings = settings;
    }

    /** Called by the consumer of OrganizationCreated, in its transaction: the commit ends the waits. */
    public void admitted(UUID organizationId) {
        organizations.markCreatorAdmitted(organizationId);
    }

    /**
     * Waits until the organization's creator was admitted (or the organization is gone), at most
     * {@code creator-wait}; false when the wait ran out (the consumer is behind, e.g. Kafka is down).
     */
    public boolean awaitCreator(UUID organizationId) throws InterruptedException {
        long deadline = System.nanoTime() + settings.getCreatorWait().toNanos();
        Duration interval = settings.getCreatorPollInterval();
        while (organizations.countCreatorPending(organizationId) > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Thread.sleep(Math.min(interval.toMillis(), Math.max(1, left / 1_000_000)));
        }
        return true;
    }

    /** True while {@code userId} is the creator of an organization whose OrganizationCreated is not applied yet. */
    public boolean isPendingCreator(UUID organizationId, String userId) {
        return organizations.countPendingCreator(organizationId, userId) > 0;
    }
}
