package io.documind.document.limits;

import io.documind.kit.web.ProblemException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Admits an organization's next document or refuses it: over the creation rate 429 + Retry-After; at the cap of
 * stored documents 422 (a rule refused, DESIGN §5: time does not help, deleting documents does, so no Retry-After
 * for clients to loop on). Must run in the tenant transaction that inserts the document: a refusal rolls its
 * count back. Concurrent creations in other shards do not see each other's uncommitted counts, so a limit may be
 * passed by the number of creations in flight.
 */
@Singleton
public class DocumentAllowances {

    private final CreationCount creations;
    private final DocumentLimitSettings settings;

    public DocumentAllowances(CreationCount creations, DocumentLimitSettings settings) {
        this.creations = creations;
        this.settings = settings;
    }

    /**
     * Counts the creation and refuses it when over a limit, or when the organization was deleted (404: its purge
     * runs or ran; the check shares the count's round trip, and follows the create's purge lock).
     */
    public void admit(String organizationId, UUID documentId, Instant now) {
        CreationRate rate = new CreationRate(settings.getCreationsPerOrganization(), settings.getCreationWindow());
        Instant windowStart = rate.windowStart(now);
        Instant previousStart = windowStart.minus(settings.getCreationWindow());
        CreationCount.Counted counted = creations.count(organizationId, documentId, windowStart, previousStart);
        if (counted.organizationDeleted()) {
            throw ProblemException.notFound("Organization");
        }
        AllowanceUsage usage = counted.usage();
        Duration wait = rate.waitFor(usage.created(), usage.createdBefore(), now);
        if (!wait.isZero()) {
            throw ProblemException.tooManyRequests("The organization created " + rate.limit() + " documents within "
                    + rate.window() + "; try again later", wait);
        }
        if (usage.stored() >= settings.getStoredPerOrganization()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Document quota reached: the organization "
                    + "stores " + settings.getStoredPerOrganization() + " documents, the most it may; delete some first");
        }
    }
}
