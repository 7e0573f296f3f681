package io.documind.notification.delivery;

import io.documind.notification.ratelimit.RateLimitConfiguration;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Keeps the delivery log to {@code documind.notification.delivery.log-retention}: every email stayed a row for
 * good, so the table and its indexes grew with all mail ever sent. Only final emails go, in batches of their own
 * transactions, in every instance (instances pass over each other's rows). Never sooner than a day past the rate
 * limits' windows, which count the slots of sent mail, and never an email's row while it may still be sent.
 * Replays stay deduplicated without the rows: the consumer's claim of each event id in {@code processed_event},
 * committed with the row, is kept.
 */
@Singleton
public class DeliveryLogPruning {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLogPruning.class);
    /** Rows per transaction: short ones, so the delivery worker's claims never wait long behind a batch. */
    static final int BATCH = 5_000;
    /** How long one run goes on while full batches keep coming; the next run takes the rest. */
    private static final Duration RUN_BUDGET = Duration.ofSeconds(30);

    private final NotificationRepository notifications;
    private final TransactionOperations<Connection> transactions;
    private final Duration retention;

    public DeliveryLogPruning(NotificationRepository notifications, TransactionOperations<Connection> transactions,
                              DeliveryConfiguration delivery, RateLimitConfiguration limits) {
        this.notifications = notifications;
        this.transactions = transactions;
        Duration margin = Duration.ofDays(1);
        this.retention = Stream.of(delivery.getLogRetention(), limits.getOrganizationWindow().plus(margin),
                limits.getRecipientWindow().plus(margin)).max(Duration::compareTo).orElseThrow();
    }

    /** Returns how many rows went. */
    @Scheduled(fixedDelay = "${documind.notification.delivery.log-prune-interval:5m}", initialDelay = "1m")
    public int prune() {
        long deadline = System.nanoTime() + RUN_BUDGET.toNanos();
        double seconds = retention.toMillis() / 1000.0;
        int total = 0;
        int pruned;
        do {
            pruned = transactions.executeWrite(status -> notifications.pruneFinal(seconds, BATCH));
            total += pruned;
        } while (pruned == BATCH && System.nanoTime() < deadline);
        if (total > 0) {
            LOG.info("Pruned {} final emails older than {} from the delivery log", total, retention);
        }
        return total;
    }
}
