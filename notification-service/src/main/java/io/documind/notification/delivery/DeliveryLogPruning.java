package io.documind.notification.delivery;

import io.documind.kit.jdbc.BatchedDeletes;
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
 * The marks of refused grants ({@code invitation_grant_refused}) go after the same time, within a budget of their
 * own.
 * Replays stay deduplicated without the rows: the consumer's claim of each event id in {@code processed_event},
 * committed with the row, is kept for {@code documind.consumer.processed-event-retention}, longer than the topics
 * keep their events.
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
        double seconds = retention.toMillis() / 1000.0;
        int total = BatchedDeletes.run(transactions, BATCH, RUN_BUDGET,
                limit -> notifications.pruneFinal(seconds, limit));
        // A refusal's mark only has to outlast the acceptance note's event on the other topic (seconds apart); kept
        // as long as the log, it also still stops a note whose event is replayed late.
        int marks = BatchedDeletes.run(transactions, BATCH, RUN_BUDGET,
                limit -> notifications.pruneGrantRefusals(seconds, limit));
        if (total > 0) {
            LOG.info("Pruned {} final emails older than {} from the delivery log", total, retention);
        }
        if (marks > 0) {
            LOG.info("Pruned {} refused-grant marks older than {}", marks, retention);
        }
        return total + marks;
    }
}
