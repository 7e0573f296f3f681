package io.documind.notification.delivery;

import io.documind.notification.ratelimit.RateLimitConfiguration;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * Keeps the delivery log to {@code documind.notification.delivery.log-retention}: every email stayed a row for
 * good, so the table and its indexes grew with all mail ever sent. Only final emails go, a batch per run in every
 * instance (instances pass over each other's rows). Never sooner than the rate limits' windows, which count the
 * slots of sent mail, and never an email's row while it may still be sent. Replays stay deduplicated without the
 * rows: the consumer records each applied event's id in {@code processed_event}, which is kept.
 */
@Singleton
public class DeliveryLogPruning {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLogPruning.class);
    /** Rows per run: one short transaction, and a backlog of a busy day goes in a few hours of runs. */
    static final int BATCH = 5_000;

    private final NotificationRepository notifications;
    private final Duration retention;

    public DeliveryLogPruning(NotificationRepository notifications, DeliveryConfiguration delivery,
                              RateLimitConfiguration limits) {
        this.notifications = notifications;
        this.retention = Stream.of(delivery.getLogRetention(), limits.getOrganizationWindow(),
                limits.getRecipientWindow()).max(Duration::compareTo).orElseThrow();
    }

    @Scheduled(fixedDelay = "${documind.notification.delivery.log-prune-interval:5m}", initialDelay = "1m")
    @Transactional
    public int prune() {
        int pruned = notifications.pruneFinal(retention.toMillis() / 1000.0, BATCH);
        if (pruned > 0) {
            LOG.info("Pruned {} final emails older than {} from the delivery log", pruned, retention);
        }
        return pruned;
    }
}
