package io.documind.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's infrastructure half, on free ports: databases, service environment, data kept across runs. */
class LocalStackTest {

    @Test
    void infrastructureStartsCreatesServiceDatabasesAndKeepsDataAcrossRestarts(@TempDir Path root) throws Exception {
        Map<String, String> env = LocalStackLauncherTest.freePortsEnvironment();
        Ports ports = Ports.fromEnvironment(env);
        LocalData data = new LocalData(root);
        String sealingKey;

        try (LocalStack stack = startedStack(data, ports, env)) {
            Map<String, String> orgEnv = stack.serviceEnvironment(Service.ORG);
            assertEquals("jdbc:postgresql://127.0.0.1:" + ports.get(Port.POSTGRES) + "/org", orgEnv.get("DATABASE_URL"));
            assertEquals("127.0.0.1:" + ports.get(Port.KAFKA), orgEnv.get("KAFKA_BOOTSTRAP_SERVERS"));
            assertEquals("http://localhost:" + ports.get(Port.ORG_SERVICE) + "/oidc", orgEnv.get("DOCUMIND_ISSUER"));
            assertEquals(String.valueOf(ports.get(Port.SMTP)), orgEnv.get("SMTP_PORT"));
            assertEquals("documind-local", orgEnv.get("DOCUMIND_MANAGEMENT_CLIENT_ID"));
            for (Service service : Service.values()) {
                assertEquals("127.0.0.1", stack.serviceEnvironment(service).get("MICRONAUT_SERVER_HOST"),
                        service + " listens on loopback only, beside its well-known local secrets");
            }
            assertEquals("http://127.0.0.1:" + ports.get(Port.MAIL_API), stack.mail().apiBaseUrl());
            assertEquals(data.linkKeys().publicKey(), stack.serviceEnvironment(Service.INVITATION)
                    .get(LinkKeys.PUBLIC_VARIABLE));
            assertEquals(data.linkKeys().privateKey(), stack.serviceEnvironment(Service.NOTIFICATION)
                    .get(LinkKeys.PRIVATE_VARIABLE));
            sealingKey = stack.serviceEnvironment(Service.NOTIFICATION).get(SealingKey.VARIABLE);
            assertEquals(44, sealingKey.length(), "base64 of 32 bytes");
            for (Service service : Service.values()) {
                execute(stack.postgres(), service.database, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('" + service.database + "')");
            }
        }
        assertTrue(Files.exists(data.postgresDir().resolve("PG_VERSION")));

        // A second "./dev up" on the same .local: no initdb, the rows are still there.
        try (LocalStack again = startedStack(new LocalData(root), ports, env)) {
            assertEquals(sealingKey, again.serviceEnvironment(Service.NOTIFICATION).get(SealingKey.VARIABLE),
                    "mail recorded before the restart still opens after it");
            for (Service service : Service.values()) {
                assertEquals(service.database, queryOne(again.postgres(), service.database, "SELECT v FROM kept"));
            }
        }
    }

    @Test
    void closingTheStackLeavesOtherProcessesOfThisJvmAlone(@TempDir Path root) throws Exception {
        Map<String, String> env = LocalStackLauncherTest.freePortsEnvironment();
        // A child of this JVM the stack did not start, as a test's own server would be.
        Process bystander = new ProcessBuilder("sleep", "300").start();
        try {
            // Closing needs no running infrastructure to show it (and starting one more would race for ports).
            LocalData data = new LocalData(root);
            data.claim();
            new LocalStack(data, Ports.fromEnvironment(env), env).close();
            // A kill would land within moments; the bystander must still be running after them.
            assertFalse(bystander.waitFor(2, TimeUnit.SECONDS), "the stack stops what it started, nothing else");
        } finally {
            bystander.destroyForcibly();
        }
    }

    @Test
    void anExternalServerWithoutItsUserIsRefusedByName(@TempDir Path root) {
        Map<String, String> env = new HashMap<>(LocalStackLauncherTest.freePortsEnvironment());
        env.put("DOCUMIND_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:1/postgres");
        LocalData data = new LocalData(root);
        data.claim();
        LocalStack stack = new LocalStack(data, Ports.fromEnvironment(env), env);
        try {
            LauncherException refused = assertThrows(LauncherException.class, stack::startInfrastructure);
            assertTrue(refused.getMessage().contains("DOCUMIND_POSTGRES_USER"), refused.getMessage());
        } finally {
            stack.close();
        }
    }

    private static LocalStack startedStack(LocalData data, Ports ports, Map<String, String> env) {
        data.claim();
        LocalStack stack = new LocalStack(data, ports, env);
        stack.startInfrastructure();
        return stack;
    }

    private static void execute(PostgresServer server, String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(database), server.username(), server.password());
             Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String queryOne(PostgresServer server, String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(database), server.username(), server.password());
             Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
