package io.documind.org.limits;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Fixed-window request counts in the org database, shared by every instance: at most {@code limit} requests per key
 * per window, one upsert per check ({@link RequestCountRepository#count}). The count is committed in a transaction
 * of its own, so a request refused afterwards still counts, and the key's row is locked only for that statement:
 * call it outside a longer transaction (a nested one would also hold a second pooled connection).
 */
@Singleton
public class RequestLimits {

    private final RequestCountRepository counts;
    private final LimitSettings settings;

    public RequestLimits(RequestCountRepository counts, LimitSettings settings) {
        this.counts = counts;
        this.settings = settings;
    }

    /** Counts a request; how long to wait when it is over the limit, else empty. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Duration> take(String key, int limit, Duration window) {
        Instant now = Instant.now();
        RequestCount counted = counts.count(key, now, window.toMillis());
        if (counted.count() <= limit) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, counted.windowStart().plus(window));
        return Optional.of(wait.isNegative() ? Duration.ofSeconds(1) : wait);
    }

    /** Windows over are of no use; none configured is longer than {@link LimitSettings#longestWindow()}. */
    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    @Transactional
    public void forgetOldWindows() {
        counts.deleteStartedBefore(Instant.now().minus(settings.longestWindow()));
    }
}
