package io.documind.kit.outbox;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/** The outbox table as the relay's parts use it; each method runs in its caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OutboxRows extends GenericRepository<OutboxRow, Long> {

    /**
     * Claims the oldest pending rows, but only for the holder of the transaction-scoped advisory lock {@code lock}:
     * with several instances only one publishes at a time (per-organization order), and the lock goes with the
     * commit or a dead connection, so a crashed instance blocks no one. The CTE takes the lock once (a CTE with a
     * volatile function is never inlined); another instance holding it gets no rows.
     */
    @Query("""
            WITH relay AS (SELECT pg_try_advisory_xact_lock(:lock) AS mine)
            SELECT id, topic, record_key, payload FROM outbox_event, relay
            WHERE relay.mine AND sent_at IS NULL AND parked_at IS NULL
            ORDER BY id LIMIT :limit FOR UPDATE OF outbox_event SKIP LOCKED""")
    List<OutboxRow> claim(long lock, int limit);

    /**
     * The time Kafka acknowledged, not the batch's start: now() is the transaction's start, which is the claim, and
     * a batch claimed while the broker is away is acknowledged only once it is back (issue 16's timeline read a
     * minute-old claim as the publication).
     */
    @Query("UPDATE outbox_event SET sent_at = clock_timestamp() WHERE id IN (:ids)")
    void markSent(List<Long> ids);

    /** Counts a refusal; the row is parked (left for an operator) once it reaches {@code maxAttempts}. */
    @Query("""
            UPDATE outbox_event SET attempts = attempts + 1, last_error = :error,
                   parked_at = CASE WHEN attempts + 1 >= :maxAttempts THEN now() END
            WHERE id = :id""")
    void recordRefusal(long id, String error, int maxAttempts);

    @Query("DELETE FROM outbox_event WHERE sent_at < now() - make_interval(secs => :retentionSeconds)")
    int pruneSentBefore(double retentionSeconds);

    /**
     * One index-only scan of the unsent rows. Aged by clock_timestamp(), the statement's time: now() is the
     * transaction's start, which may precede a row committed meanwhile and so under-state its age.
     */
    @Query("""
            SELECT count(*) FILTER (WHERE parked_at IS NULL) AS pending,
                   COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at) FILTER (WHERE parked_at IS NULL)), 0)
                       AS oldest_pending_age_seconds,
                   count(*) FILTER (WHERE parked_at IS NOT NULL) AS parked
            FROM outbox_event WHERE sent_at IS NULL""")
    Backlog backlog();

    @Introspected
    record Backlog(long pending, double oldestPendingAgeSeconds, long parked) {
    }
}
