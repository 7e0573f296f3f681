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
 * <p>micronaut-security decides access with the kit's rule ({@code io.documind.kit.security.AuthorizedRule}) and
 * validators; what it would add and no service uses (basic auth, its /keys and /oauth endpoints, its claim
 * validators that allow no clock skew) is off. Health details are for a management token only.
 * Serde keeps empty lists (event schemas require them) but leaves out nulls, and writes ISO-8601 times. Every service
 * serves its OpenAPI document at {@code /swagger/<service>.yml} and Swagger UI at {@code /swagger-ui/}.
 *
 * <p>Graceful shutdown is on: on SIGTERM the HTTP server stops accepting and lets in-flight requests finish,
 * and the background workers finish what they hold, for up to the grace period; the whole stop is bounded by
 * {@code documind.shutdown.timeout} (see {@code io.documind.kit.lifecycle.Shutdown}).
 */
public final class KitDefaults implements PropertySourceLoader {

    /** Lower than application.yml (-300), environment variables and system properties. */
    static final int ORDER = -1000;

    static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("micronaut.security.basic-auth.enabled", false),
            Map.entry("micronaut.security.endpoints.keys.enabled", false),
            Map.entry("micronaut.security.endpoints.oauth.enabled", false),
            Map.entry("micronaut.security.endpoints.login.enabled", false),
            Map.entry("micronaut.security.endpoints.logout.enabled", false),
            // io.documind.kit.security's validators check these with the clock skew, and say why they refuse.
            Map.entry("micronaut.security.token.jwt.claims-validators.expiration", false),
            Map.entry("micronaut.security.token.jwt.claims-validators.subject-not-null", false),
            Map.entry("micronaut.security.token.jwt.claims-validators.not-before", false),
            // Controllers that return plain values (JDBC, Argon2id) run on the I/O pool, not on Netty's event loop.
            Map.entry("micronaut.server.thread-selection", "AUTO"),
            Map.entry("endpoints.all.sensitive", false),
            // Details (JDBC URL, versions, brokers, disk) to a management token only: AuthorizedRule takes the
            // principal away from any other caller; the status stays public.
            Map.entry("endpoints.health.details-visible", "AUTHENTICATED"),
            Map.entry("micronaut.serde.serialization.inclusion", "non_absent"),
            Map.entry("micronaut.serde.write-dates-as-timestamps", false),
            // Every request body refuses fields it does not know (400), whatever its record says; events are read
            // tolerantly all the same (EnvelopeCodec), so a producer may add a field before its consumers know it.
            Map.entry("micronaut.serde.deserialization.ignore-unknown", false),
            Map.entry("micronaut.metrics.enabled", true),
            Map.entry("micronaut.metrics.export.prometheus.enabled", true),
            Map.entry("micronaut.metrics.export.prometheus.descriptions", true),
            Map.entry("micronaut.metrics.export.prometheus.step", "PT1M"),
            Map.entry("datasources.default.driver-class-name", "org.postgresql.Driver"),
            Map.entry("datasources.default.dialect", "POSTGRES"),
            Map.entry("datasources.default.maximum-pool-size", 10),
            // Hikari opens the rest of the pool when load asks for it; ten idle sessions from the start cost the
            // service and PostgreSQL memory and the start CPU for nothing.
            Map.entry("datasources.default.minimum-idle", 2),
            Map.entry("datasources.default.connection-timeout", 3000),
            Map.entry("datasources.default.validation-timeout", 2000),
            // Each service names its own database (DATABASE_URL, in its application.yml); the rest is the same.
            Map.entry("datasources.default.username", "${DATABASE_USER:postgres}"),
            Map.entry("datasources.default.password", "${DATABASE_PASSWORD:postgres}"),
            Map.entry("flyway.datasources.default.enabled", true),
            // The kit's tables (outbox, processed events) first, then the service's own.
            Map.entry("flyway.datasources.default.locations", "classpath:db/kit,classpath:db/migration"),
            // The kit's own migrations are V0_x and run below each service's V1..: a kit migration released after
            // a service's V3 must still apply, so Flyway may apply a lower version late. Kit tables are its own.
            Map.entry("flyway.datasources.default.out-of-order", true),
            // The OpenAPI document and Swagger UI micronaut-openapi generates at compile time (root pom), read-only
            // and public: AuthorizedRule lets GET and HEAD through and refuses anything else.
            Map.entry("micronaut.router.static-resources.swagger.paths", "classpath:META-INF/swagger"),
            Map.entry("micronaut.router.static-resources.swagger.mapping", "/swagger/**"),
            Map.entry("micronaut.router.static-resources.swagger-ui.paths",
                    "classpath:META-INF/swagger/views/swagger-ui"),
            Map.entry("micronaut.router.static-resources.swagger-ui.mapping", "/swagger-ui/**"),
            Map.entry("micronaut.lifecycle.graceful-shutdown.enabled", true),
            Map.entry("micronaut.lifecycle.graceful-shutdown.grace-period", "${DOCUMIND_SHUTDOWN_GRACE_PERIOD:20s}"),
            Map.entry("documind.shutdown.timeout", "${DOCUMIND_SHUTDOWN_TIMEOUT:25s}"),
            // DOCUMIND_ISSUER on its own arrives as documind.issuer; the DeploymentGuard checks this property.
            Map.entry("documind.security.issuer", "${DOCUMIND_ISSUER:}"),
            // Authority floors are forgotten once every token they refuse has expired: org-service's lifetime.
            Map.entry("documind.authority.token-lifetime", "${documind.token.access-token-lifetime:1h}"),
            // Backticks: a default holding colons must be quoted, or Micronaut reads it as more fallback names.
            Map.entry("kafka.bootstrap.servers", "${KAFKA_BOOTSTRAP_SERVERS:`127.0.0.1:9092`}"),
            // micronaut-kafka's health indicator reports DOWN without a broker, and Kafka must not decide readiness
            // (the outbox keeps events while it is away); the kit's KafkaHealthIndicator reports it as a detail.
            Map.entry("kafka.health.enabled", false),
            // The outbox relay's producer (OutboxPublisher): idempotent with acks=all, so a retried send never
            // duplicates or reorders within a partition; batched (linger, lz4); bounded waits, so with Kafka away
            // a batch gives up and its rows wait in the outbox for the next try.
            Map.entry("kafka.producers.outbox.client.id", "${micronaut.application.name}-outbox"),
            Map.entry("kafka.producers.outbox.acks", "all"),
            Map.entry("kafka.producers.outbox.enable.idempotence", "true"),
            Map.entry("kafka.producers.outbox.max.in.flight.requests.per.connection", "5"),
            Map.entry("kafka.producers.outbox.linger.ms", "5"),
            Map.entry("kafka.producers.outbox.compression.type", "lz4"),
            Map.entry("kafka.producers.outbox.max.block.ms", "10000"),
            Map.entry("kafka.producers.outbox.request.timeout.ms", "10000"),
            Map.entry("kafka.producers.outbox.delivery.timeout.ms", "30000"),
            Map.entry("kafka.producers.outbox.reconnect.backoff.max.ms", "1000"),
            // The dead-letter producer (DeadLetterTopic) sends on a listener's thread and waits 30 s for the ack:
            // Kafka's own defaults (60 s to block, 120 s to deliver) outlasted that wait, so a send given up on was
            // still live when the hold retried it (two copies of one dead letter), and one cycle held the thread
            // for up to a minute.
            Map.entry("kafka.producers.dead-letters.max.block.ms", "10000"),
            Map.entry("kafka.producers.dead-letters.request.timeout.ms", "10000"),
            Map.entry("kafka.producers.dead-letters.delivery.timeout.ms", "25000"),
            // Every micronaut-kafka client (listeners' consumers, the dead-letter producer, the admin client).
            Map.entry("kafka.reconnect.backoff.max.ms", "1000"),
            // Every client keeps what it knows of the cluster while no broker answers. Kafka 4's default
            // (rebootstrap) forgets it within a second of finding every known broker unreachable: the producer then
            // knows no topic, so each send blocks for metadata up to max.block.ms (10 s) and fails, and a relay batch
            // written during the outage reached Kafka seconds after the broker was back; a consumer sees its topics
            // vanish, gives up its partitions and rejoins its group once the broker returns. Kept, records wait in
            // the producer and go out, and consumers fetch again, as soon as the broker answers (issue 16, `./dev
            // chaos kafka`). The bootstrap address is the broker's own advertised name here, so rebootstrapping
            // could find nothing new; KAFKA_METADATA_RECOVERY_STRATEGY=rebootstrap restores it where every broker
            // may come back at a new address.
            Map.entry("kafka.metadata.recovery.strategy", "none"),
            // The services' @KafkaListeners (io.documind.kit.consumer): events once per group, in order, only those
            // committed by the producers' transactions, from the start of a topic for a new group; offsets are
            // committed by EventDelivery, and at most 100 records come per poll so a batch is quick to finish.
            Map.entry("documind.consumer.group-id", "${micronaut.application.name}"),
            Map.entry("kafka.consumers.default.isolation.level", "read_committed"),
            Map.entry("kafka.consumers.default.auto.offset.reset", "earliest"),
            Map.entry("kafka.consumers.default.enable.auto.commit", "false"),
            Map.entry("kafka.consumers.default.max.poll.records", "100"));

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
