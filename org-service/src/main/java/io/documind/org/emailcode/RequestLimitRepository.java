package io.documind.org.emailcode;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface RequestLimitRepository extends GenericRepository<RequestLimit, String> {

    /** Counts a request and reads the window in one statement, so parallel requests cannot all slip under. */
    @Query("""
            INSERT INTO request_limit AS r (key, window_start, count) VALUES (:key, :now, 1)
            ON CONFLICT (key) DO UPDATE SET
                count = CASE WHEN r.window_start <= excluded.window_start - :windowMillis * interval '1 millisecond'
                             THEN 1 ELSE r.count + 1 END,
                window_start = CASE WHEN r.window_start <= excluded.window_start - :windowMillis * interval '1 millisecond'
                             THEN excluded.window_start ELSE r.window_start END
            RETURNING key, window_start, count""")
    RequestLimit countRequest(String key, Instant now, long windowMillis);

    @Query("DELETE FROM request_limit WHERE window_start < now() - interval '1 day'")
    int deleteOld();
}
