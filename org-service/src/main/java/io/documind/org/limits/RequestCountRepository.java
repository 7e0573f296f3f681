package io.documind.org.limits;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RequestCountRepository extends GenericRepository<RequestCount, String> {

    /**
     * Counts one request under {@code key} and answers the count: one upsert, so parallel requests (any instance)
     * are counted one after the other on the key's row and cannot all slip under a limit. A window that ended
     * {@code windowMillis} after its start begins again at {@code now}.
     */
    @Query("""
            INSERT INTO request_limit AS r (key, window_start, count) VALUES (:key, :now, 1)
            ON CONFLICT (key) DO UPDATE SET
                count = CASE WHEN r.window_start <= excluded.window_start - :windowMillis * interval '1 millisecond'
                             THEN 1 ELSE r.count + 1 END,
                window_start = CASE WHEN r.window_start <= excluded.window_start - :windowMillis * interval '1 millisecond'
                             THEN excluded.window_start ELSE r.window_start END
            RETURNING key, window_start, count""")
    RequestCount count(String key, Instant now, long windowMillis);

    @Query("DELETE FROM request_limit WHERE window_start < :before")
    void deleteStartedBefore(Instant before);
}
