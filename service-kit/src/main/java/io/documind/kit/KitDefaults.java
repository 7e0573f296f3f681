package io.documind.kit;

import io.micronaut.context.env.ActiveEnvironment;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourceLoader;
import io.micronaut.core.io.ResourceLoader;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Configuration every service shares, written once, below each service's application.yml (which can still
 * override any of it). Registered through
 * {@code META-INF/services/io.micronaut.context.env.PropertySourceLoader}.
 *
 * <p>micronaut-security is off because {@code AccessControlFilter} is the one place that decides access;
 * Serde keeps empty lists (event schemas require them) but leaves out nulls, and writes ISO-8601 times.
 *
 * <p>Graceful shutdown is on: on SIGTERM the HTTP server stops accepting and lets in-flight requests finish,
 * and the background workers finish what they hold, for up to the grace period; the whole stop is bounded by
 * {@code documind.shutdown.timeout} (see {@code io.documind.kit.lifecycle.Shutdown}).
 */
public final class KitDefaults implements PropertySourceLoader {

    /** Lower than application.yml (-300), environment variables and system properties. */
    static final int ORDER = -1000;

    static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("micronaut.security.enabled", false),
            Map.entry("endpoints.all.sensitive", false),
            Map.entry("endpoints.health.details-visible", "ANONYMOUS"),
            Map.entry("micronaut.serde.serialization.inclusion", "non_absent"),
            Map.entry("micronaut.serde.write-dates-as-timestamps", false),
            Map.entry("micronaut.metrics.enabled", true),
            Map.entry("micronaut.metrics.export.prometheus.enabled", true),
            Map.entry("micronaut.metrics.export.prometheus.descriptions", true),
            Map.entry("micronaut.metrics.export.prometheus.step", "PT1M"),
            Map.entry("datasources.default.driver-class-name", "org.postgresql.Driver"),
            Map.entry("datasources.default.dialect", "POSTGRES"),
            Map.entry("datasources.default.maximum-pool-size", 10),
            Map.entry("datasources.default.connection-timeout", 3000),
            Map.entry("datasources.default.validation-timeout", 2000),
            Map.entry("flyway.datasources.default.enabled", true),
            Map.entry("micronaut.lifecycle.graceful-shutdown.enabled", true),
            Map.entry("micronaut.lifecycle.graceful-shutdown.grace-period", "${DOCUMIND_SHUTDOWN_GRACE_PERIOD:20s}"),
            Map.entry("documind.shutdown.timeout", "${DOCUMIND_SHUTDOWN_TIMEOUT:25s}"),
            // DOCUMIND_ISSUER on its own arrives as documind.issuer; the DeploymentGuard checks this property.
            Map.entry("documind.security.issuer", "${DOCUMIND_ISSUER:}"),
            // Backticks: a default holding colons must be quoted, or Micronaut reads it as more fallback names.
            Map.entry("kafka.bootstrap.servers", "${KAFKA_BOOTSTRAP_SERVERS:`127.0.0.1:9092`}"));

    @Override
    public Optional<PropertySource> load(String resourceName, ResourceLoader resourceLoader) {
        if (!"application".equals(resourceName)) {
            return Optional.empty();
        }
        return Optional.of(new MapPropertySource("documind-kit-defaults", DEFAULTS) {
            @Override
            public int getOrder() {
                return ORDER;
            }
        });
    }

    @Override
    public Optional<PropertySource> loadEnv(String resourceName, ResourceLoader resourceLoader,
                                            ActiveEnvironment activeEnvironment) {
        return Optional.empty();
    }

    @Override
    public Map<String, Object> read(String name, InputStream input) {
        return Map.of();
    }

    @Override
    public Set<String> getExtensions() {
        return Set.of();
    }
}
