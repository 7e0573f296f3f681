package io.documind.kit.outbox;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Deletes sent rows once they are older than {@code documind.outbox.retention} (kept for audit and replays). */
@Singleton
public class OutboxPruning {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxPruning.class);

    private final OutboxRows rows;
    private final Duration retention;

    public OutboxPruning(OutboxRows rows, OutboxConfiguration config) {
        this.rows = rows;
        this.retention = config.getRetention();
    }

    @Scheduled(fixedDelay = "${documind.outbox.prune-interval:10m}")
    @Transactional
    public int prune() {
        int pruned = rows.pruneSentBefore(retention.toMillis() / 1000.0);
        if (pruned > 0) {
            LOG.info("Pruned {} sent outbox rows older than {}", pruned, retention);
        }
        return pruned;
    }
}
