package io.documind.kit.migrations;

import io.documind.kit.KitContext;
import io.documind.localstack.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A build runs Flyway against a database once: its restarts do not, a new build does, and without a known build
 * (tests, several class path entries) every start does.
 */
class MigrationsOncePerBuildTest {

    private static final String SERVICE = "classpath:db/kit,classpath:db/kit-later-service";
    private static final String SERVICE_WITH_EXTRA = SERVICE + ",classpath:db/kit-build-extra";

    @Test
    void aRestartOfTheSameBuildSkipsFlywayAndANewBuildRunsIt() throws SQLException {
        TestInfrastructure.Database db = TestInfrastructure.freshDatabase("once_per_build");
        Map<String, Object> properties = properties(db);

        RunningBuild.runningAs(Optional.of("documind.jar:1:1"));
        properties.put("flyway.datasources.default.locations", SERVICE);
        try (ApplicationContext ignored = KitContext.start(properties)) {
            assertTrue(tableExists(db, "later_service_thing"), "a build's first start migrates");
        }
        assertEquals(List.of("documind.jar:1:1"), builds(db));

        // The same build again, with a migration it did not have: Flyway is not run, so it is not applied (a real
        // jar cannot change without becoming another build; this shows that the shortcut was taken).
        properties.put("flyway.datasources.default.locations", SERVICE_WITH_EXTRA);
        try (ApplicationContext ignored = KitContext.start(properties)) {
            assertFalse(tableExists(db, "extra_thing"), "a restart of a build that migrated did run Flyway");
        }

        RunningBuild.runningAs(Optional.of("documind.jar:2:2"));
        try (ApplicationContext ignored = KitContext.start(properties)) {
            assertTrue(tableExists(db, "extra_thing"), "a new build's migration was not applied");
        }
        assertEquals(List.of("documind.jar:1:1", "documind.jar:2:2"), builds(db));
    }

    /**
     * During a rolling upgrade an instance of the previous release may restart after the new one applied a kit
     * migration (V0_x, below the service's own versions). Flyway calls that migration "missing" for the previous
     * release and refuses to start; the previous release's own jar, which had migrated the database, now starts.
     * A build that never ran against this database is still refused.
     */
    @Test
    void aBuildThatMigratedBeforeStillStartsAfterALaterOneAddedAKitMigration() throws SQLException {
        TestInfrastructure.Database db = TestInfrastructure.freshDatabase("rolling_upgrade");
        Map<String, Object> previous = properties(db);
        previous.put("flyway.datasources.default.locations", SERVICE);
        RunningBuild.runningAs(Optional.of("documind.jar:1:1"));
        try (ApplicationContext ignored = KitContext.start(previous)) {
            assertTrue(tableExists(db, "later_service_thing"));
        }
        Map<String, Object> next = new HashMap<>(previous);
        next.put("flyway.datasources.default.locations", SERVICE + ",classpath:db/kit-build-later-kit");
        RunningBuild.runningAs(Optional.of("documind.jar:2:2"));
        try (ApplicationContext ignored = KitContext.start(next)) {
            assertTrue(tableExists(db, "later_kit_thing"));
        }

        RunningBuild.runningAs(Optional.of("documind.jar:1:1"));
        KitContext.start(previous).close(); // the previous release's jar restarts

        RunningBuild.runningAs(Optional.of("documind.jar:0:0"));
        RuntimeException refused = assertThrows(RuntimeException.class, () -> KitContext.start(previous).close());
        assertTrue(causes(refused).contains("FlywayValidateException"),
                "Flyway refuses a build that never migrated this database and lacks an applied kit migration: "
                        + causes(refused));
        // What README, Scaling, tells an operator to set on the older release for a rollout or a rollback.
        Map<String, Object> tolerant = new HashMap<>(previous);
        tolerant.put("flyway.datasources.default.ignore-migration-patterns", "*:missing,*:future");
        KitContext.start(tolerant).close();
    }

    /** The shortcut is not taken for an asynchronous migration, nor when switched off. */
    @Test
    void anAsynchronousMigrationOrTheSwitchOffRunsFlywayAtEveryStart() throws SQLException {
        TestInfrastructure.Database db = TestInfrastructure.freshDatabase("once_per_build_off");
        Map<String, Object> properties = properties(db);
        properties.put("flyway.datasources.default.locations", SERVICE);
        RunningBuild.runningAs(Optional.of("documind.jar:1:1"));
        try (ApplicationContext ignored = KitContext.start(properties)) {
            assertEquals(List.of("documind.jar:1:1"), builds(db));
        }

        properties.put("flyway.datasources.default.locations", SERVICE + ",classpath:db/kit-build-later-kit");
        properties.put("documind.migrations.once-per-build", false);
        try (ApplicationContext ignored = KitContext.start(properties)) {
            assertTrue(tableExists(db, "later_kit_thing"), "switched off, the same build ran Flyway");
        }

        properties.remove("documind.migrations.once-per-build");
        properties.put("flyway.datasources.default.locations",
                SERVICE_WITH_EXTRA + ",classpath:db/kit-build-later-kit");
        properties.put("flyway.datasources.default.async", true);
        try (ApplicationContext ignored = KitContext.start(properties)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> tableExists(db, "extra_thing"));
        }
        RunningBuild.runningAs(Optional.of("documind.jar:3:3"));
        try (ApplicationContext ignored = KitContext.start(properties)) {
            assertEquals(List.of("documind.jar:1:1"), builds(db), "an asynchronous migration was recorded");
        }
    }

    @AfterEach
    void noBuild() {
        RunningBuild.runningAs(Optional.empty());
    }

    private static String causes(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            chain.append(t.getClass().getSimpleName()).append(' ');
        }
        return chain.toString();
    }

    @Test
    void withoutAKnownBuildEveryStartRunsFlyway() throws SQLException {
        TestInfrastructure.Database db = TestInfrastructure.freshDatabase("no_build");
        Map<String, Object> properties = properties(db);
        properties.put("flyway.datasources.default.locations", SERVICE);
        try (ApplicationContext ignored = KitContext.start(properties)) {
            assertTrue(tableExists(db, "later_service_thing"));
        }
        properties.put("flyway.datasources.default.locations", SERVICE_WITH_EXTRA);
        try (ApplicationContext ignored = KitContext.start(properties)) {
            assertTrue(tableExists(db, "extra_thing"));
        }
        assertEquals(List.of(), builds(db));
    }

    @Test
    void theRunningBuildIsTheJarTheJvmRunsFromAlone() throws Exception {
        java.nio.file.Path jar = java.nio.file.Files.createTempFile("service", ".jar");
        try {
            java.nio.file.Files.writeString(jar, "not really a jar");
            java.nio.file.Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_000));
            assertEquals(Optional.of(jar.getFileName() + ":16:1000"), RunningBuild.of(jar.toString()));
            assertEquals(Optional.empty(), RunningBuild.of(jar + java.io.File.pathSeparator + "other.jar"));
            assertEquals(Optional.empty(), RunningBuild.of("target/classes"));
            assertEquals(Optional.empty(), RunningBuild.of(""));
            assertEquals(Optional.empty(), RunningBuild.of("/no/such/service.jar"));
        } finally {
            java.nio.file.Files.deleteIfExists(jar);
        }
    }

    private static Map<String, Object> properties(TestInfrastructure.Database db) {
        Map<String, Object> properties = KitContext.properties(TestInfrastructure.kafka());
        properties.put("datasources.default.url", db.jdbcUrl());
        properties.put("documind.consumer.enabled", false);
        properties.put("documind.outbox.relay-enabled", false);
        return properties;
    }

    private static boolean tableExists(TestInfrastructure.Database db, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             ResultSet rs = c.getMetaData().getTables(null, "public", table, null)) {
            return rs.next();
        }
    }

    private static List<String> builds(TestInfrastructure.Database db) throws SQLException {
        List<String> builds = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT build FROM migrated_build ORDER BY build")) {
            while (rs.next()) {
                builds.add(rs.getString(1));
            }
        }
        return builds;
    }
}
