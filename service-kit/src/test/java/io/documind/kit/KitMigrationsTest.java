package io.documind.kit;

import io.documind.localstack.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kit migration (V0_x) released after a service has already applied its own V1 still applies when the service
 * is upgraded: Flyway would otherwise refuse to start on a lower version found late.
 */
class KitMigrationsTest {

    @Test
    void aKitMigrationNewerThanTheServicesOwnStillApplies() throws SQLException {
        TestInfrastructure.Database db = TestInfrastructure.freshDatabase("kit_later");
        Map<String, Object> properties = KitContext.properties(TestInfrastructure.kafka());
        properties.put("datasources.default.url", db.jdbcUrl());
        properties.put("documind.consumer.enabled", false);
        properties.put("documind.outbox.relay-enabled", false);

        // Yesterday's release: the service's V1 only.
        properties.put("flyway.datasources.default.locations", "classpath:db/kit-later-service");
        try (ApplicationContext ignored = KitContext.start(properties)) {
            assertTrue(tableExists(db, "later_service_thing"));
        }
        // Today's: the kit brings V0_1, a lower version than what the database already has.
        properties.put("flyway.datasources.default.locations", "classpath:db/kit,classpath:db/kit-later-service");
        try (ApplicationContext ignored = KitContext.start(properties)) {
            assertTrue(tableExists(db, "outbox_event"), "the kit's late migration was not applied");
        }
    }

    private static boolean tableExists(TestInfrastructure.Database db, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             ResultSet rs = c.getMetaData().getTables(null, "public", table, null)) {
            return rs.next();
        }
    }
}
