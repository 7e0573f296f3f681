package io.documind.system;

import io.documind.localstack.FreePorts;
import io.documind.localstack.LinkKeys;
import io.documind.localstack.KafkaBroker;
import io.documind.localstack.SealingKey;
import io.documind.localstack.ServiceProcess;
import io.documind.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged services outside the local stack (no DOCUMIND_LOCAL_STACK): with nothing configured each one
 * refuses to start and names every variable it needs, before it tries to reach a database it was never given;
 * with a complete configuration org-service starts and serves tokens.
 */
class DeploymentGuardSystemTest {

    /** DATABASE_USER is left out: its default, postgres, is a fine name for a deployment's user too. */
    private static final List<String> COMMON = List.of("DATABASE_URL", "DATABASE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS",
            "DOCUMIND_ISSUER");

    static Stream<Arguments> services() {
        return Stream.of(
                Arguments.of("org-service", List.of("DOCUMIND_SIGNING_KEYS", "DOCUMIND_ORG_SECRET_KEYS",
                        "DOCUMIND_MANAGEMENT_CLIENT_ID",
                        "DOCUMIND_MANAGEMENT_CLIENT_SECRET", "DOCUMIND_IDENTITY_MAIL_PUBLIC_KEY",
                        "DOCUMIND_IDENTITY_EMAIL_CODES_VERIFICATION_LINK_TEMPLATE")),
                Arguments.of("document-service", List.of()),
                Arguments.of("invitation-service", List.of("DOCUMIND_INVITATION_LINK_TEMPLATE",
                        "DOCUMIND_INVITATION_LINK_PUBLIC_KEY")),
                Arguments.of("notification-service", List.of("SMTP_HOST", "DOCUMIND_NOTIFICATION_SEALING_KEY",
                        "DOCUMIND_NOTIFICATION_LINK_PRIVATE_KEY", "DOCUMIND_MAIL_FROM")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void withNothingConfiguredAServiceRefusesToStartAndSaysWhatToSet(String module, List<String> ownVariables) {
        int port = FreePorts.pick();
        ServiceProcess process = ServiceProcess.start(module, RunningService.packagedJar(module), port, Map.of(
                "SERVER_PORT", String.valueOf(port)), RunningService.logFile(module + "-unconfigured"));
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> process.exitCode().isPresent());
            assertNotEquals(0, process.exitCode().getAsInt(), "a refused start must fail the process");
            String log = String.join("\n", process.lastLogLines(400));
            assertTrue(log.contains("Refusing to start outside the local stack"), log);
            assertTrue(process.lastLogLines(400).stream().filter(line -> !line.isBlank())
                    .allMatch(line -> line.startsWith("{\"")), "every line of output is a JSON log record:\n" + log);
            for (String variable : Stream.concat(COMMON.stream(), ownVariables.stream()).toList()) {
                assertTrue(log.contains(variable), module + " does not name " + variable + ":\n" + log);
            }
            assertTrue(!log.contains("Connection to 127.0.0.1:5433 refused"),
                    "the guard must speak before the data source tries the local default:\n" + log);
        } finally {
            process.stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void orgServiceStartsOnACompleteConfigurationWithKeysKeptInItsDatabase() throws SQLException {
        KafkaBroker kafka = TestInfrastructure.kafka();
        TestInfrastructure.Database db = TestInfrastructure.freshDatabase("org_deployed");
        // The embedded server's superuser password is the refused local default: give the service its own role.
        String password = "deployed-" + Long.toHexString(System.nanoTime());
        try (Connection admin = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE " + db.name() + "_app LOGIN PASSWORD '" + password + "'");
            sql.execute("ALTER DATABASE " + db.name() + " OWNER TO " + db.name() + "_app");
            sql.execute("ALTER SCHEMA public OWNER TO " + db.name() + "_app");
        }
        int port = FreePorts.pick();
        Map<String, String> environment = new HashMap<>();
        environment.put("SERVER_PORT", String.valueOf(port));
        environment.put("DATABASE_URL", db.jdbcUrl());
        environment.put("DATABASE_USER", db.name() + "_app");
        environment.put("DATABASE_PASSWORD", password);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("DOCUMIND_ISSUER", "http://127.0.0.1:" + port + "/oidc");
        environment.put("DOCUMIND_ALLOW_HTTP_ISSUER", "true"); // loopback; a deployment's issuer is https
        environment.put("DOCUMIND_SIGNING_KEYS", "database");
        environment.put("DOCUMIND_ORG_SECRET_KEYS", SealingKey.generate().value()); // 32 random bytes
        environment.put("DOCUMIND_MANAGEMENT_CLIENT_ID", "deployment-check");
        environment.put("DOCUMIND_MANAGEMENT_CLIENT_SECRET", "deployment-check-" + Long.toHexString(System.nanoTime()));
        environment.put("DOCUMIND_IDENTITY_MAIL_PUBLIC_KEY", LinkKeys.forThisRun().publicKey());
        environment.put("DOCUMIND_IDENTITY_EMAIL_CODES_VERIFICATION_LINK_TEMPLATE",
                "https://app.example.com/verify?token={token}");
        ServiceProcess process = ServiceProcess.start("org-service", RunningService.packagedJar("org-service"), port,
                environment, RunningService.logFile("org-service-deployed"));
        try {
            process.awaitReady(RunningService.READY_TIMEOUT);
            String base = "http://127.0.0.1:" + port;
            assertEquals(1, Http.get(base + "/oidc/jwks", Map.of()).json().path("keys").size());
            Http.Response token = Http.postForm(base + "/oidc/token", Map.of("grant_type", "client_credentials",
                    "client_id", environment.get("DOCUMIND_MANAGEMENT_CLIENT_ID"),
                    "client_secret", environment.get("DOCUMIND_MANAGEMENT_CLIENT_SECRET")));
            assertEquals(200, token.status(), token.body());
            try (Connection app = DriverManager.getConnection(db.jdbcUrl(), db.name() + "_app", password);
                 Statement sql = app.createStatement();
                 ResultSet stored = sql.executeQuery("SELECT private_jwk FROM signing_key")) {
                assertTrue(stored.next());
                assertTrue(stored.getString(1).startsWith("sealed:v1:") && !stored.getString(1).contains("\"d\""),
                        "the private key is stored sealed under DOCUMIND_ORG_SECRET_KEYS");
            }
        } finally {
            process.stop(Duration.ofSeconds(20));
        }
    }
}
