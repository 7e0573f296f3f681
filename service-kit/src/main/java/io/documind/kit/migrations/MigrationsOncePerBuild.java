package io.documind.kit.migrations;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.naming.NameResolver;
import io.micronaut.core.order.Ordered;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.flyway.FlywayConfigurationProperties;
import io.micronaut.inject.qualifiers.Qualifiers;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Flyway runs once per build and database, not at every start. micronaut-flyway migrates when the data source is
 * made, and even with nothing to apply Flyway configures itself (its configuration is copied through Jackson), scans
 * the jar's 23,000-30,000 entries for migrations and validates each against its history: about 0.1 s of the main
 * thread on an org-service restart (0.37 s on a busier one). A restart of the same jar against a database it has
 * already brought up to date would find exactly that again, so {@link Before} (ahead of micronaut-flyway's runner)
 * turns the migration off for this start when the database's {@code migrated_build} table names the running build,
 * and {@link After} (behind it) records the build once Flyway has run without error.
 *
 * <p>What a restart no longer re-checks: that no one has edited the database's migration history by hand since this
 * build ran. Anything a new build brings (a new jar, hence a new {@link RunningBuild}) runs Flyway as before, and so
 * does a database restored from before this build migrated it (its table lacks the row). Only for the packaged
 * services, and not for an asynchronous migration: without a {@link RunningBuild} (tests, a class path of several
 * entries, {@code documind.migrations.once-per-build} false) Flyway runs at every start.
 */
public final class MigrationsOncePerBuild {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationsOncePerBuild.class);

    private MigrationsOncePerBuild() {
    }

    /** Turns this start's migration off when the database says the running build has migrated it. */
    @Singleton
    public static class Before extends Step {
        public Before(ApplicationContext context, RunningBuild build) {
            super(context, build, HIGHEST_PRECEDENCE);
        }

        @Override
        void apply(DataSource pool, String build, FlywayConfigurationProperties flyway) {
            if (migratedBy(pool, build)) {
                flyway.setEnabled(false);
                LOG.info("Database already migrated by this build ({}): Flyway not run at this start", build);
            }
        }
    }

    /** Records the running build once its migration has run (a failed one stops the start before this). */
    @Singleton
    public static class After extends Step {
        public After(ApplicationContext context, RunningBuild build) {
            super(context, build, LOWEST_PRECEDENCE);
        }

        @Override
        void apply(DataSource pool, String build, FlywayConfigurationProperties flyway) {
            record(pool, build);
        }
    }

    /** What both do, for a packaged service's data source whose migration runs during its creation. */
    abstract static class Step implements BeanCreatedEventListener<DataSource>, Ordered {
        private final ApplicationContext context;
        private final RunningBuild build;
        private final int order;

        Step(ApplicationContext context, RunningBuild build, int order) {
            this.context = context;
            this.build = build;
            this.order = order;
        }

        abstract void apply(DataSource pool, String build, FlywayConfigurationProperties flyway);

        @Override
        public int getOrder() {
            return order;
        }

        @Override
        public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
            Optional<String> running = build.fingerprint();
            Optional<FlywayConfigurationProperties> flyway = flywayOf(context, event);
            if (running.isPresent() && flyway.isPresent() && applies(flyway.get())) {
                apply(DelegatingDataSource.unwrapDataSource(event.getBean()), running.get(), flyway.get());
            }
            return event.getBean();
        }
    }

    /**
     * Only for a migration that runs, and runs in the data source's creation: an asynchronous one ({@code async})
     * would still be running, or have failed, when {@link After} records the build.
     */
    static boolean applies(FlywayConfigurationProperties flyway) {
        return flyway.isEnabled() && !flyway.isAsync();
    }

    /** The Flyway settings of that data source, as micronaut-flyway's runner finds them (by the data source's name). */
    static Optional<FlywayConfigurationProperties> flywayOf(ApplicationContext context,
                                                          BeanCreatedEvent<DataSource> event) {
        // As micronaut-flyway's runner does: a data source without a name is not migrated by it.
        return event.getBeanDefinition() instanceof NameResolver resolver
                ? resolver.resolveName().flatMap(name ->
                        context.findBean(FlywayConfigurationProperties.class, Qualifiers.byName(name)))
                : Optional.empty();
    }

    /** False also when the table is not there yet (a database this kit's migrations have not reached). */
    static boolean migratedBy(DataSource dataSource, String build) {
        try (Connection c = dataSource.getConnection()) {
            try (var statement = c.createStatement();
                 ResultSet table = statement.executeQuery("SELECT to_regclass('migrated_build') IS NOT NULL")) {
                if (!table.next() || !table.getBoolean(1)) {
                    return false;
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM migrated_build WHERE build = ?")) {
                q.setString(1, build);
                try (ResultSet row = q.executeQuery()) {
                    return row.next();
                }
            }
        } catch (SQLException e) {
            LOG.info("Could not read which builds migrated the database ({}): running Flyway", e.getMessage());
            return false;
        }
    }

    static void record(DataSource dataSource, String build) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO migrated_build (build) VALUES (?) ON CONFLICT (build) DO NOTHING")) {
            s.setString(1, build);
            s.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            // Only the next start's shortcut is lost: it runs Flyway again.
            LOG.warn("Could not record that this build migrated the database: {}", e.getMessage());
        }
    }
}
