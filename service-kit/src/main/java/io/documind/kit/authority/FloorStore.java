package io.documind.kit.authority;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/** The floors in the service's own database ({@code authority_floor}), so they survive restarts and replays. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface FloorStore extends GenericRepository<Floor, Floor.Key> {

    /**
     * Raises the floor in the caller's transaction; a lower or equal version changes nothing, so replays and
     * out-of-order events are harmless. The table's trigger notifies every instance when the transaction commits.
     */
    default void raise(Floor floor) {
        raise(floor.subject(), floor.organizationId(), floor.version(), floor.cause().name());
    }

    @Query("""
            INSERT INTO authority_floor (subject, organization_id, version, cause)
            VALUES (:subject, :organizationId, :version, :cause)
            ON CONFLICT (subject, organization_id) DO UPDATE
                SET version = EXCLUDED.version, cause = EXCLUDED.cause, learned_at = now()
                WHERE authority_floor.version < EXCLUDED.version""")
    void raise(String subject, String organizationId, long version, String cause);

    /** {@link #raise} for many floors in one statement; of two for one key the higher version counts. */
    default void raiseAll(List<Floor> floors) {
        raiseAll(floors.stream().map(Floor::subject).toArray(String[]::new),
                floors.stream().map(Floor::organizationId).toArray(String[]::new),
                floors.stream().mapToLong(Floor::version).boxed().toArray(Long[]::new),
                floors.stream().map(f -> f.cause().name()).toArray(String[]::new));
    }

    // DISTINCT ON: an upsert may not touch one row twice. The key order is a fixed lock order against deadlocks.
    @Query("""
            INSERT INTO authority_floor (subject, organization_id, version, cause)
            SELECT DISTINCT ON (f.subject, f.organization_id) f.subject, f.organization_id, f.version, f.cause
            FROM unnest(CAST(:subjects AS text[]), CAST(:organizationIds AS text[]), CAST(:versions AS bigint[]),
                        CAST(:causes AS text[])) AS f (subject, organization_id, version, cause)
            ORDER BY f.subject, f.organization_id, f.version DESC
            ON CONFLICT (subject, organization_id) DO UPDATE
                SET version = EXCLUDED.version, cause = EXCLUDED.cause, learned_at = now()
                WHERE authority_floor.version < EXCLUDED.version""")
    void raiseAll(String[] subjects, String[] organizationIds, Long[] versions, String[] causes);

    /** Every floor learned within the last {@code seconds}. */
    @Query("""
            SELECT subject, organization_id, version, cause,
                   CAST(floor(extract(epoch FROM learned_at) * 1000) AS BIGINT) AS learned_at
            FROM authority_floor WHERE learned_at >= now() - make_interval(secs => :seconds)""")
    List<Floor> learnedWithin(long seconds);

    /**
     * The floors that can refuse a token of {@code subject} for {@code organizationId} ({@link Floor#ANY} for none):
     * the subject's own, the organization's and the membership's, as committed now.
     */
    @Query("""
            SELECT subject, organization_id, version, cause,
                   CAST(floor(extract(epoch FROM learned_at) * 1000) AS BIGINT) AS learned_at
            FROM authority_floor
            WHERE (subject = :subject AND organization_id IN ('', :organizationId))
               OR (subject = '' AND organization_id = :organizationId)""")
    List<Floor> covering(String subject, String organizationId);

    /** The database's clock, which stamps {@code learned_at}: what a floor's age is measured against. */
    @Query("SELECT CAST(floor(extract(epoch FROM now()) * 1000) AS BIGINT)")
    long nowMillis();

    /** Deletes floors older than {@code seconds}: every token they could refuse has expired. */
    @Query("DELETE FROM authority_floor WHERE learned_at < now() - make_interval(secs => :seconds)")
    int forgetOlderThan(long seconds);
}
