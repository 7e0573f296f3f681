package io.documind.org.emailcode;

import io.documind.kit.jdbc.Sql;
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

    private record Window(Instant start, int count) {
    }

    private final Sql sql;
    private final TransactionOperations<Connection> transactions;

    public RequestLimits(Sql sql, TransactionOperations<Connection> transactions) {
        this.sql = sql;
        this.transactions = transactions;
    }

    /** Counts a request; how long to wait when it is over the limit, else empty. */
    public Optional<Duration> take(String key, int limit, Duration window) {
        Instant now = Instant.now();
        Window counted = transactions.execute(TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW),
                status -> sql.one("""
                        INSERT INTO request_limit AS r (key, window_start, count) VALUES (?, ?, 1)
                        ON CONFLICT (key) DO UPDATE SET
                            count = CASE WHEN r.window_start <= excluded.window_start - ? * interval '1 millisecond'
                                         THEN 1 ELSE r.count + 1 END,
                            window_start = CASE WHEN r.window_start <= excluded.window_start - ? * interval '1 millisecond'
                                         THEN excluded.window_start ELSE r.window_start END
                        RETURNING window_start, count""",
                rs -> new Window(Sql.instant(rs, "window_start"), rs.getInt("count")),
                key, now, window.toMillis(), window.toMillis()).orElseThrow());
        if (counted.count() <= limit) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, counted.start().plus(window));
        return Optional.of(wait.isNegative() ? Duration.ofSeconds(1) : wait);
    }

    /** Windows long over are of no use; a day covers every window configured. */
    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void forgetOldWindows() {
        transactions.executeWrite(status -> sql.update(
                "DELETE FROM request_limit WHERE window_start < now() - interval '1 day'"));
    }
}
