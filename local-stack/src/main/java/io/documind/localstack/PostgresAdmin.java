package io.documind.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** The admin SQL both PostgreSQL flavours share. */
final class PostgresAdmin {

    /** CREATE DATABASE cannot take a bind parameter, so names are restricted to what is safe to quote. */
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String UNIQUE_VIOLATION = "23505";

    private PostgresAdmin() {
    }

    static void createDatabaseIfMissing(String adminJdbcUrl, String user, String password, String database) {
        if (!SAFE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name must match " + SAFE_NAME + ": " + database);
        }
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, user, password)) {
            if (!exists(connection, database)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE \"" + database + "\"");
                }
            }
        } catch (SQLException e) {
            // Another process created it between our check and our CREATE: that is what we wanted.
            if (!DUPLICATE_DATABASE.equals(e.getSQLState()) && !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new IllegalStateException("cannot create database " + database + " via " + adminJdbcUrl, e);
            }
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
