package io.documind.localstack.testing;

import io.documind.localstack.KafkaBroker;
import io.documind.localstack.LinkKeys;

import java.util.HashMap;
import java.util.Map;

/**
 * Properties that point a Micronaut service under test at real infrastructure: a fresh database of its own
 * and the shared (or a given) Kafka broker, with a consumer group of its own so test classes never share
 * committed offsets and each starts at the topics' current ends (not their history), a free port, and the shared
 * {@link TestIssuer} as the token issuer.
 */
public final class ServiceTestProperties {

    private ServiceTestProperties() {
    }

    public static Map<String, String> forService(String serviceName) {
        return forService(serviceName, TestInfrastructure.kafka());
    }

    public static Map<String, String> forService(String serviceName, KafkaBroker kafka) {
        TestInfrastructure.Database db = TestInfrastructure.freshDatabase(serviceName.replace('-', '_'));
        // Trust the shared test issuer; a test may override the issuer afterwards (org-service is its own).
        Map<String, String> p = new HashMap<>(TestIssuer.shared().properties());
        p.put("micronaut.server.port", "-1"); // never depend on a fixed port being free
        p.put("micronaut.application.name", serviceName);
        p.put("datasources.default.url", db.jdbcUrl());
        p.put("datasources.default.username", db.username());
        p.put("datasources.default.password", db.password());
        p.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        String group = serviceName + "-" + db.name();
        p.put("documind.consumer.group-id", group);
        GroupStart.atTopicEnds(kafka.bootstrapServers(), group);
        p.putAll(LinkKeys.forThisRun().properties()); // invitation-service seals links that notification-service opens
        return p;
    }
}
