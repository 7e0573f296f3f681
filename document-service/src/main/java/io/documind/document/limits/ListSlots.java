package io.documind.document.limits;

import io.documind.kit.web.ProblemException;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lists and searches each organization has running in this instance, at most
 * {@code concurrent-lists-per-organization} at once; one more is refused at once (429, {@code Retry-After: 1}) rather
 * than queued. Why: a search's cost follows the organization's own documents and words (a phrase whose words its
 * large documents all hold, apart, is checked document by document, up to the list timeout of 3 s per statement,
 * and a search may run four such statements), while the request threads and pooled connections are shared by every
 * organization. The timeout bounds each search, not how many one organization keeps in flight: ten slow ones at a
 * time would hold every pooled connection, and every other organization's requests would wait for one and fail
 * (503). Per instance, like the pool it protects.
 *
 * <p>A plain count per organization rather than a semaphore each, so an organization with nothing running holds no
 * memory here.
 */
@Singleton
public class ListSlots {

    /** A running search mostly ends within it (they take milliseconds; only a costly one takes seconds). */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final int perOrganization;
    private final ConcurrentHashMap<String, Integer> running = new ConcurrentHashMap<>();

    public ListSlots(DocumentLimitSettings settings) {
        if (settings.getConcurrentListsPerOrganization() < 1) {
            throw new IllegalArgumentException("documind.document.limits.concurrent-lists-per-organization must be"
                    + " at least 1");
        }
        this.perOrganization = settings.getConcurrentListsPerOrganization();
    }

    /**
     * One of the organization's slots, to be closed when its list or search ends (however it ends).
     *
     * @throws ProblemException 429 when the organization's slots are all taken
     */
    public Slot take(String organizationId) {
        boolean[] taken = {false};
        running.compute(organizationId, (organization, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perOrganization) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            throw ProblemException.tooManyRequests("The organization has " + perOrganization
                    + " document lists or searches running in this instance already; try again when one has ended",
                    RETRY_AFTER);
        }
        return new Slot(organizationId);
    }

    /** The organization's lists and searches running now (0 when none, and then it holds no entry). */
    public int running(String organizationId) {
        return running.getOrDefault(organizationId, 0);
    }

    public int perOrganization() {
        return perOrganization;
    }

    /** One running list or search; closing it twice gives back one slot. */
    public final class Slot implements AutoCloseable {

        private final String organizationId;
        private boolean closed;

        private Slot(String organizationId) {
            this.organizationId = organizationId;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            running.computeIfPresent(organizationId, (organization, count) -> count <= 1 ? null : count - 1);
        }
    }
}
