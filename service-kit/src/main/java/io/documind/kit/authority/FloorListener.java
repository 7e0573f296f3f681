package io.documind.kit.authority;

import io.documind.kit.Backoff;
import io.documind.kit.jdbc.Listening;
import io.documind.kit.lifecycle.BackgroundWorker;
import io.documind.kit.lifecycle.Shutdown;
import io.documind.kit.security.SecuritySettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps {@link AuthorityFloors} in step with {@code authority_floor}: loads it at start, LISTENs for the rows other
 * instances' (and this one's) event handlers commit, and reloads every {@code reload-interval} as a fallback, when
 * floors older than the token lifetime are also forgotten, in the database and in memory.
 */
@Context
public class FloorListener {

    private static final Logger LOG = LoggerFactory.getLogger(FloorListener.class);
    static final String CHANNEL = "authority_floor";
    /** Longest single wait for a notification: a stop is noticed within it (the socket wait is not interruptible). */
    private static final Duration WAIT_SLICE = Duration.ofSeconds(1);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(3);

    private final DataSource dataSource;
    private final FloorStore store;
    private final AuthorityFloors floors;
    private final JsonMapper json;
    private final Shutdown shutdown;
    private final Duration retention;
    private final Duration reloadInterval;
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));
    private final BackgroundWorker worker = new BackgroundWorker("authority-floors");
    private Instant nextReload = Instant.EPOCH;

    public FloorListener(DataSource dataSource, FloorStore store, AuthorityFloors floors, AuthoritySettings settings,
                         SecuritySettings security, JsonMapper json, Shutdown shutdown) {
        // The raw pool, not the transaction-aware proxy: the listener manages its own connection.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.store = store;
        this.floors = floors;
        this.json = json;
        this.shutdown = shutdown;
        this.retention = retention(settings.getTokenLifetime(), security.clockSkew());
        this.reloadInterval = settings.getReloadInterval();
    }

    /**
     * How long a floor is kept after it was learned: until every token it can refuse has expired on this service's
     * clock. A token is taken until its {@code exp} plus the skew, and its {@code exp} is its {@code iat} plus the
     * lifetime on the issuer's clock, which may run ahead of this one by the skew as well (an {@code iat} up to the
     * skew ahead is taken): a token issued just before the floor was learned lives up to lifetime + 2 x skew past it.
     */
    static Duration retention(Duration tokenLifetime, Duration clockSkew) {
        return tokenLifetime.plus(clockSkew.multipliedBy(2));
    }

    @PostConstruct
    void start() {
        // Before the first request: the floors already learned, so a restart refuses what it refused before.
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warn("Authority floors not loaded at start ({}); the listener keeps trying", e.toString());
        }
        worker.start(this::run);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.stopNow(shutdown.patience(STOP_PATIENCE));
    }

    private void run() {
        int failures = 0;
        while (worker.isRunning()) {
            try (Connection c = dataSource.getConnection()) {
                try {
                    PGConnection notifications = Listening.listen(c, CHANNEL);
                    // After LISTEN: whatever committed while this instance was not listening is in the table.
                    reload();
                    failures = 0;
                    while (worker.isRunning()) {
                        PGNotification[] arrived = notifications.getNotifications((int) WAIT_SLICE.toMillis());
                        if (arrived != null) {
                            for (PGNotification n : arrived) {
                                learn(n.getParameter());
                            }
                        }
                        if (!Instant.now().isBefore(nextReload)) {
                            reload();
                        }
                    }
                } finally {
                    Listening.unlisten(c);
                }
            } catch (SQLException | RuntimeException e) {
                if (!worker.isRunning()) {
                    return;
                }
                failures++;
                Duration pause = backoff.delay(failures);
                LOG.warn("Authority floor listener failed ({}); retrying in {} ms", e, pause.toMillis());
                try {
                    worker.pause(pause);
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void learn(String payload) {
        try {
            floors.learn(json.readValue(payload, Floor.class));
        } catch (IOException | RuntimeException e) {
            // Not ours to fix here: the next reload reads the row itself.
            LOG.warn("Unreadable authority floor notification '{}': {}", payload, e.toString());
        }
    }

    /** On a pooled connection of its own: this one's LISTEN is already active, so nothing committed after is missed. */
    private void reload() {
        int forgotten = store.forgetOlderThan(retention.toSeconds());
        floors.learnAll(store.learnedWithin(retention.toSeconds()));
        // By the clock that stamped learned_at: this JVM's could run ahead of it and forget a floor too soon.
        floors.forgetBefore(Instant.ofEpochMilli(store.nowMillis()).minus(retention));
        nextReload = Instant.now().plus(reloadInterval);
        if (forgotten > 0) {
            LOG.info("Forgot {} authority floors older than {}", forgotten, retention);
        }
    }
}
