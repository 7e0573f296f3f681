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
 * for clients to loop on). The count must run in the tenant transaction that inserts the document: a refusal rolls
 * it back. Concurrent creations in other shards do not see each other's uncommitted counts, so a limit may be
 * passed by the number of creations in flight.
 */
@Singleton
public class DocumentAllowances {

    private final DocumentLimitSettings settings;

    public DocumentAllowances(DocumentLimitSettings settings) {
        this.settings = settings;
    }

    /** The statement counting the creation of {@code documentId} at {@code now}, for the create's transaction. */
    public CreationCount count(String organizationId, UUID documentId, Instant now) {
        Instant windowStart = rate().windowStart(now);
        return new CreationCount(organizationId, documentId, windowStart, windowStart.minus(settings.getCreationWindow()));
    }

    /**
     * Refuses the creation when over a limit, or when the organization was deleted (404: its purge runs or ran; the
     * check shares the count's statement, which follows the create's purge lock).
     */
    public void admit(CreationCount.Counted counted, Instant now) {
        if (counted.organizationDeleted()) {
            throw ProblemException.notFound("Organization");
        }
        CreationRate rate = rate();
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

    private CreationRate rate() {
        return new CreationRate(settings.getCreationsPerOrganization(), settings.getCreationWindow());
    }
}
