package io.documind.document.limits;

import io.documind.kit.web.ProblemException;
import io.documind.kit.web.SpokenDuration;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Admits an organization's next document or refuses it: over the creation rate or the characters written 429 +
 * Retry-After; at the cap of stored documents 422 (a rule refused, DESIGN §5: time does not help, deleting documents
 * does, so no Retry-After for clients to loop on). Its updates likewise, over the update rate or the characters.
 * The count must run in the tenant transaction that writes the document: a refusal rolls it back. Concurrent writes
 * in other shards do not see each other's uncommitted counts, so a limit may be passed by the writes in flight (for
 * the characters, by their size).
 */
@Singleton
public class DocumentAllowances {

    private final DocumentLimitSettings settings;
    // One window length for every rate: the counts share each shard's window (WriteCount).
    private final WriteRate creations;
    private final WriteRate updates;
    private final WriteRate characters;

    public DocumentAllowances(DocumentLimitSettings settings) {
        this.settings = settings;
        this.creations = new WriteRate(settings.getCreationsPerOrganization(), settings.getCreationWindow());
        this.updates = new WriteRate(settings.getUpdatesPerOrganization(), settings.getCreationWindow());
        this.characters = new WriteRate(settings.getCharactersPerOrganization(), settings.getCreationWindow());
    }

    /**
     * The statement counting the creation of {@code documentId}, of {@code characters} (title and content), at
     * {@code now}, for the create's transaction.
     */
    public WriteCount creation(String organizationId, UUID documentId, long characters, Instant now) {
        return count(organizationId, documentId, now, WriteCount.Kind.CREATION, characters, false);
    }

    /**
     * The statement counting an update of {@code documentId} at {@code now}, for the update's transaction:
     * {@code characters} of the title and content it gives; one that keeps the stored content counts its length too.
     */
    public WriteCount update(String organizationId, UUID documentId, long characters, boolean keepsStoredContent,
                             Instant now) {
        return count(organizationId, documentId, now, WriteCount.Kind.UPDATE, characters, keepsStoredContent);
    }

    /**
     * Refuses the creation when over a limit, or when the organization was deleted (404: its purge runs or ran; the
     * check shares the count's statement, which follows the create's purge lock).
     */
    public void admitCreation(WriteCount.Counted counted, Instant now) {
        if (counted.organizationDeleted()) {
            throw ProblemException.notFound("Organization");
        }
        AllowanceUsage usage = counted.usage();
        refuseOver(creations, usage.created(), usage.createdBefore(), 1, now, "created %d documents");
        if (usage.stored() >= settings.getStoredPerOrganization()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Document quota reached: the organization "
                    + "stores " + settings.getStoredPerOrganization() + " documents, the most it may; delete some first");
        }
        admitCharacters(counted, now); // after the cap: a client at its cap gets no Retry-After to loop on
    }

    /**
     * Refuses the update of a deleted organization's document (404) and, over the organization's update rate, the
     * update (429 + Retry-After), before the new content is written: each rewrite of a large document costs the
     * database as much as a creation, and without a budget one organization's client could rewrite documents as fast
     * as it liked, at every other organization's expense.
     */
    public void admitUpdate(WriteCount.Counted counted, Instant now) {
        if (counted.organizationDeleted()) {
            // Its documents are purged in batches (PurgeSweep): one not purged yet is not to be written.
            throw ProblemException.notFound("Document");
        }
        AllowanceUsage usage = counted.usage();
        refuseOver(updates, usage.updated(), usage.updatedBefore(), 1, now, "updated documents %d times");
        admitCharacters(counted, now);
    }

    /**
     * Over the characters an organization may write in the window (creations and updates together): 429 +
     * Retry-After until this write's characters fit.
     */
    private void admitCharacters(WriteCount.Counted counted, Instant now) {
        if (counted.characters() == 0) { // an update emptying the content alone: nothing to index
            return;
        }
        AllowanceUsage usage = counted.usage();
        refuseOver(characters, usage.written(), usage.writtenBefore(), counted.characters(), now,
                "wrote %d characters of documents");
    }

    /**
     * 429 + Retry-After when this write, counting {@code amount} in {@code written}, does not fit {@code rate};
     * {@code done} says what the organization did, with {@code %d} for the limit.
     */
    private static void refuseOver(WriteRate rate, long written, long before, long amount, Instant now, String done) {
        Duration wait = rate.waitFor(written, before, now, amount);
        if (!wait.isZero()) {
            throw ProblemException.tooManyRequests("The organization " + done.formatted(rate.limit()) + " within "
                    + SpokenDuration.of(rate.window()) + "; try again later", wait);
        }
    }

    private WriteCount count(String organizationId, UUID documentId, Instant now, WriteCount.Kind kind,
                             long characters, boolean keepsStoredContent) {
        Instant windowStart = creations.windowStart(now);
        return new WriteCount(organizationId, documentId, windowStart, windowStart.minus(creations.window()),
                kind, characters, keepsStoredContent);
    }
}
