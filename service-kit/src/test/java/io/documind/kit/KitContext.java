package io.documind.kit;

import io.documind.localstack.KafkaBroker;
import io.documind.localstack.testing.ServiceTestProperties;
import io.micronaut.context.ApplicationContext;

import java.util.HashMap;
import java.util.Map;

/** A service-shaped Micronaut context (no HTTP server) on real PostgreSQL and Kafka, for the kit's own tests. */
public final class KitContext {

    private KitContext() {
    }

    public static Map<String, Object> properties(KafkaBroker kafka) {
        Map<String, Object> p = new HashMap<>(ServiceTestProperties.forService("kit-test", kafka));
        p.put("datasources.default.maximum-pool-size", 5);
        p.put("flyway.datasources.default.locations", "classpath:db/kit,classpath:db/kit-test");
        p.put(RecordingHandler.ENABLED, true);
        return p;
    }

    public static ApplicationContext start(Map<String, Object> properties) {
        return ApplicationContext.builder().properties(properties).start();
    }
}
