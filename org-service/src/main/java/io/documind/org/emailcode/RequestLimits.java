package io.documind.org.emailcode;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Fixed-window request counts in the org database, shared by every instance: at most {@code limit} requests per key
 * per window. One statement counts and reads, so parallel requests cannot all slip under the limit. The count is
 * committed in a transaction of its own, so a request refused afterwards still counts.
 */
@Singleton
public class RequestLimits {

    private final RequestLimitRepository limits;
    private final TransactionOperations<Connection> transactions;

    public RequestLimits(RequestLimitRepository limits, TransactionOperations<Connection> transactions) {
        this.limits = limits;
        this.transactions = transactions;
    }

    /** Counts a request; how long to wait when it is over the limit, else empty. */
    public Optional<Duration> take(String key, int limit, Duration window) {
        Instant now = Instant.now();
        RequestLimit counted = transactions.execute(
                TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW),
                status -> limits.countRequest(key, now, window.toMillis()));
        if (counted.count() <= limit) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, counted.windowStart().plus(window));
        return Optional.of(wait.isNegative() ? Duration.ofSeconds(1) : wait);
    }

    /** Windows long over are of no use; a day covers every window configured. */
    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void forgetOldWindows() {
        transactions.executeWrite(status -> limits.deleteOld());
    }
}
