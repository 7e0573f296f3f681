package io.documind.org;

import io.documind.localstack.testing.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Upgrading a database from before management access (V8): only the applications that were management clients
 * keep it; one of an organization, or one given an API's global role, loses it.
 */
class ManagementAccessMigrationTest {

    @Test
    void onlyApplicationsOfNoOrganizationAndNoApiRoleKeepManagementAccess() throws SQLException {
        TestInfrastructure.Database db = TestInfrastructure.freshDatabase("org_v8");
        migrate(db, "7.2"); // the release before
        try (Connection c = connect(db)) {
            update(c, "INSERT INTO organization (id, name) VALUES ('00000000-0000-4000-8000-0000000000a1', 'Acme')");
            update(c, "INSERT INTO role (id, name, type) VALUES ('api-role', 'Jobs', 'MachineToMachine')");
            for (String app : List.of("management-client", "reporting-job", "api-worker")) {
                update(c, "INSERT INTO application (id, name, secret_hash) VALUES ('" + app + "', '" + app + "', 'h')");
            }
            update(c, "INSERT INTO organization_application (organization_id, application_id) "
                    + "VALUES ('00000000-0000-4000-8000-0000000000a1', 'reporting-job')");
            update(c, "INSERT INTO application_role (application_id, role_id) VALUES ('api-worker', 'api-role')");
        }

        migrate(db, "latest");

        Map<String, Boolean> access = new TreeMap<>();
        try (Connection c = connect(db);
             var rs = c.createStatement().executeQuery("SELECT id, management_access FROM application")) {
            while (rs.next()) {
                access.put(rs.getString(1), rs.getBoolean(2));
            }
        }
        assertEquals(Map.of("management-client", true, "reporting-job", false, "api-worker", false), access);
    }

    private static void migrate(TestInfrastructure.Database db, String target) {
        Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password())
                .locations("classpath:db/kit", "classpath:db/migration").outOfOrder(true).target(target)
                .load().migrate();
    }

    private static Connection connect(TestInfrastructure.Database db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
