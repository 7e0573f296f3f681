package io.documind.kit.jdbc;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Whether the service's database answers now: a pooled connection that passes the driver's validity check. It takes
 * the pool itself, not micronaut-data's transaction-bound view of it, so it works on a thread with no transaction.
 */
@Singleton
public class DatabaseProbe {

    private static final int VALIDITY_TIMEOUT_SECONDS = 2;

    private final DataSource pool;

    public DatabaseProbe(DataSource dataSource) {
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** True when a connection could be had and answered; false on any failure (bounded by the pool's timeout). */
    public boolean answers() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(VALIDITY_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
