package io.documind.kit.outbox;

import io.documind.kit.observability.EventMetrics;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

/**
 * The backlog figures ({@code documind_outbox_pending}, {@code _oldest_pending_age_seconds}, {@code _parked}),
 * refreshed every few seconds rather than per batch: one cheap scan however busy the relay is.
 */
@Singleton
public class OutboxMetrics {

    private final OutboxRows rows;
    private final EventMetrics metrics;

    public OutboxMetrics(OutboxRows rows, EventMetrics metrics) {
        this.rows = rows;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelay = "5s")
    @ReadOnly
    public void report() {
        OutboxRows.Backlog backlog = rows.backlog();
        metrics.outbox(backlog.pending(), (long) backlog.oldestPendingAgeSeconds(), backlog.parked());
    }
}
