package io.documind.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;

import org.junit.jupiter.api.Test;

class ExternalPostgresServerTest {

    @Test
    void jdbcUrlKeepsHostAndParametersAndSwapsTheDatabase() {
        ExternalPostgresServer server = new ExternalPostgresServer("jdbc:postgresql://db:5432/postgres?sslmode=disable", "u", "p");
        assertEquals("jdbc:postgresql://db:5432/documents?sslmode=disable", server.jdbcUrl("documents"));
        assertEquals("jdbc:postgresql://db/org", new ExternalPostgresServer("jdbc:postgresql://db", "u", "p").jdbcUrl("org"));
        assertThrows(IllegalArgumentException.class, () -> new ExternalPostgresServer("jdbc:mysql://db/x", "u", "p"));
    }

    @Test
    void createsDatabasesIdempotentlyOnAServerGivenByUrl() throws Exception {
        try (EmbeddedPostgresServer running = EmbeddedPostgresServer.start(null, 0)) {
            PostgresServer external = new ExternalPostgresServer(running.jdbcUrl("postgres"), running.username(), running.password());
            external.createDatabaseIfMissing("invitations");
            external.createDatabaseIfMissing("invitations");
            try (Connection connection = DriverManager.getConnection(external.jdbcUrl("invitations"), external.username(), external.password())) {
                assertTrue(connection.isValid(2));
            }
            assertThrows(IllegalArgumentException.class, () -> external.createDatabaseIfMissing("bad\"name"));
        }
    }
}
