package io.documind.org.organization;

import io.documind.kit.outbox.OutboxCommits;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * Read-your-writes after creating an organization: the creator becomes Admin only when this service's consumer
 * applies OrganizationCreated, so the create request waits (bounded) for that before answering.
 *
 * <p>The consumer's commit sets {@code organization.creator_admitted_at}, and the waiting request reads it by primary
 * key. It reads again as soon as this instance's outbox listener hears a commit ({@link OutboxCommits}: the
 * consumer's transaction appends MembershipCreated, so its commit is heard, on whichever instance it ran), and at
 * the latest every {@code creator-poll-interval} (5 ms) in case a notification was lost. No listener connection of
 * its own: the relay already holds one.
 */
@Singleton
public class CreatorAdmission {

    /** What a client is told to wait before asking again, when the wait ran out. */
    public static final long RETRY_AFTER_SECONDS = 1;

    private final OrganizationRepository organizations;
    private final OrganizationSettings settings;
    private final OutboxCommits commits;

    public CreatorAdmission(OrganizationRepository organizations, OrganizationSettings settings,
                            OutboxCommits commits) {
        this.organizations = organizations;
        this.settings = settings;
        this.commits = commits;
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
        return commits.awaitUntil(() -> organizations.countCreatorPending(organizationId) == 0,
                settings.getCreatorWait(), settings.getCreatorPollInterval());
    }

    /** True while {@code userId} is the creator of an organization whose OrganizationCreated is not applied yet. */
    public boolean isPendingCreator(UUID organizationId, String userId) {
        return organizations.countPendingCreator(organizationId, userId) > 0;
    }
}
