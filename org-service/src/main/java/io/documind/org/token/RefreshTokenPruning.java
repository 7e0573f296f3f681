package io.documind.org.token;

import io.documind.kit.jdbc.BatchedDeletes;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the refresh_token table the size of the live sign-ins, not of the refreshes: deletes tokens rotated or
 * revoked longer than the reuse window ago, and expired ones. Reuse detection does not need their rows: a
 * rotated token names its family, and {@link RefreshTokens#rotate} revokes a still-living family when one of its
 * pruned tokens comes back.
 */
@Singleton
public class RefreshTokenPruning {

    /** Rows per delete, each in its own transaction: short locks and WAL bursts beside the token traffic. */
    static final int BATCH = 1000;
    /** One run's time; the next run (a minute later) takes the rest. */
    private static final Duration RUN_BUDGET = Duration.ofSeconds(30);

    private final RefreshTokenRepository tokens;
    private final TokenSettings settings;
    private final TransactionOperations<Connection> transactions;

    public RefreshTokenPruning(RefreshTokenRepository tokens, TokenSettings settings,
                               TransactionOperations<Connection> transactions) {
        this.tokens = tokens;
        this.settings = settings;
        this.transactions = transactions;
    }

    /** Returns how many rows went. */
    @Scheduled(fixedDelay = "${documind.token.prune-interval:1m}", initialDelay = "1m")
    public int prune() {
        // Past the reuse window a rotated token is no longer answered, only recognised (by its family).
        Instant before = Instant.now().minus(settings.getRefreshReuseWindow());
        int total = BatchedDeletes.run(transactions, BATCH, RUN_BUDGET, limit -> tokens.deleteSpent(before, limit));
        return total;
    }
}
