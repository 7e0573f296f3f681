package io.documind.kit.deployment;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outside the local stack a service will not start on missing settings or local defaults. */
class DeploymentGuardTest {

    private static Map<String, Object> deployed() {
        Map<String, Object> p = new HashMap<>();
        p.put("datasources.default.url", "jdbc:postgresql://db.internal:5432/org");
        p.put("datasources.default.username", "org_service");
        p.put("datasources.default.password", "s3cret-from-vault");
        p.put("kafka.bootstrap.servers", "kafka-1.internal:9092");
        p.put("documind.security.issuer", "https://auth.example.com/oidc");
        return p;
    }

    private static DeploymentGuard guard(Map<String, Object> properties) {
        // No deduced "test" environment: this is what a deployment looks like.
        ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).properties(properties)
                .build();
        DeploymentGuard guard = new DeploymentGuard(context.getEnvironment().start(), List.of(new CommonSettings()));
        return guard;
    }

    @Test
    void aCompleteDeploymentPasses() {
        assertTrue(guard(deployed()).problems().isEmpty());
    }

    @Test
    void missingSettingsAndLocalDefaultsAreNamedWithTheirVariables() {
        Map<String, Object> p = deployed();
        p.remove("kafka.bootstrap.servers"); // falls back to the kit's local default
        p.put("datasources.default.username", " "); // set but blank (removed, the kit's default would apply)
        p.put("datasources.default.password", "postgres");
        p.put("documind.security.issuer", "http://localhost:8081/oidc");
        p.put("datasources.default.url", "jdbc:postgresql://127.0.0.1:5433/org");
        var problems = guard(p).problems();
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("KAFKA_BOOTSTRAP_SERVERS") && s.contains("local-development default")), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("DATABASE_USER") && s.contains("not set")), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("DATABASE_PASSWORD") && s.contains("local-development default")));
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("DOCUMIND_ISSUER")));
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("DATABASE_URL")));
    }

    @Test
    void theComposeFilesPublicPlaceholdersPassButAreNamed() {
        Map<String, Object> p = deployed();
        assertEquals(List.of(), guard(p).publicPlaceholders());
        p.put("datasources.default.password", "documind-compose-local-only");
        DeploymentGuard guard = guard(p);
        assertTrue(guard.problems().isEmpty(), guard.problems().toString());
        assertEquals(List.of("DATABASE_PASSWORD"), guard.publicPlaceholders());
        assertEquals(List.of("Running on the public placeholder secrets of docker-compose.yml, which anyone with the"
                + " repository has: DATABASE_PASSWORD. Fine on one machine; anywhere else set your own."),
                warnings(guard::check), "starts, and says so");
        assertTrue(ComposePlaceholders.contains("a-key-of-mine, ZG9jdW1pbmQtY29tcG9zZS1sb2NhbC1zaWduLWtleSE="),
                "a key list that still holds the placeholder as an older key");
        // The services decode keys with Base64.getDecoder(), which also takes them without their padding.
        assertTrue(ComposePlaceholders.contains("ZG9jdW1pbmQtY29tcG9zZS1sb2NhbC1zaWduLWtleSE"), "the same key unpadded");
        assertTrue(ComposePlaceholders.contains("MC4CAQAwBQYDK2VuBCIEIDFnvJxWsb4+PqF2NkO/oKOZ4N0BUCL8XPf/v9/nOq0r"));
        assertFalse(ComposePlaceholders.contains("ZG9jdW1pbmQtY29tcG9zZS1sb2NhbC1zaWduLWtleSI"), "another key");
        assertFalse(ComposePlaceholders.contains("documind-compose-local-only-secret-2"));
        assertEquals(List.of(), warnings(guard(deployed())::check), "nothing to say on secrets of its own");
    }

    /** What the guard logs at WARN while {@code call} runs. */
    private static List<String> warnings(Runnable call) {
        Logger log = (Logger) LoggerFactory.getLogger(DeploymentGuard.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        log.addAppender(seen);
        try {
            call.run();
        } finally {
            log.detachAppender(seen);
        }
        return seen.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void aPlainHttpIssuerIsRefusedUnlessTheNetworkIsDeclaredTrusted() {
        Map<String, Object> p = deployed();
        p.put("documind.security.issuer", "http://auth.internal:8081/oidc");
        var problems = guard(p).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("DOCUMIND_ISSUER") && problems.get(0).contains("not https")
                && problems.get(0).contains("DOCUMIND_ALLOW_HTTP_ISSUER=true"), problems.toString());

        p.put("documind.allow-http-issuer", "true"); // DOCUMIND_ALLOW_HTTP_ISSUER
        assertTrue(guard(p).problems().isEmpty());

        // The issuer set only as DOCUMIND_ISSUER's own property is checked too; https in any case passes.
        Map<String, Object> q = deployed();
        q.remove("documind.security.issuer");
        q.put("documind.issuer", "http://auth.internal/oidc");
        assertTrue(guard(q).problems().stream().anyMatch(s -> s.contains("not https")), guard(q).problems().toString());
        q.put("documind.issuer", "HTTPS://auth.internal/oidc");
        assertTrue(guard(q).problems().stream().noneMatch(s -> s.contains("not https")));
    }

    @Test
    void startingRefusesWithAClearMessageUnlessItIsTheLocalStack() {
        Map<String, Object> p = deployed();
        p.put("datasources.default.password", "postgres");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> guard(p).check());
        assertTrue(refused.getMessage().contains("DATABASE_PASSWORD"));
        assertTrue(refused.getMessage().contains("DOCUMIND_LOCAL_STACK=true turns these checks off"),
                refused.getMessage());
        p.put("documind.local-stack", true);
        List<String> said = warnings(guard(p)::check);
        assertEquals(1, said.size(), "starts, and says it is on the local stack's defaults: " + said);
        assertTrue(said.getFirst().startsWith("DOCUMIND_LOCAL_STACK=true: the start-up checks are off"),
                said.toString());
    }
}
