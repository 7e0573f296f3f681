package io.documind.kit.consumer;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Says so, in the log, when a topic this service consumes may still hold an event after the claim that marks it
 * applied has been pruned ({@link ProcessedEventPruning}): a redelivery then applies it a second time. Kafka keeps a
 * record for up to {@code retention.ms} plus {@code segment.ms} (it deletes whole segments), and for good at
 * {@code retention.ms = -1}. A warning, not a refusal to start: topics kept for good are a deliberate choice, whose
 * replays the operator controls. Checked a little after start and then every six hours (topic settings change
 * without a restart of the consumers).
 */
@Singleton
@Requires(property = ConsumerConfiguration.ENABLED, notEquals = StringUtils.FALSE)
public class ClaimRetentionCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimRetentionCheck.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;
    private final BeanContext context;
    private final Duration claims;

    public ClaimRetentionCheck(Admin admin, BeanContext context, ConsumerConfiguration config) {
        this.admin = admin;
        this.context = context;
        this.claims = config.getProcessedEventRetention();
    }

    @Scheduled(initialDelay = "30s", fixedDelay = "6h")
    void check() {
        // Not blocking a scheduler thread: the admin client completes on its own thread.
        for (String topic : ListenerCoverage.subscribedTopics(context)) {
            shortfall(topic).whenComplete((found, error) -> {
                if (error != null) {
                    // Loud: a cluster that will not say (no DESCRIBE_CONFIGS right) would otherwise never warn.
                    LOG.warn("Could not read topic {}'s retention to weigh it against the claims of applied events "
                            + "(documind.consumer.processed-event-retention, {}): {}", topic, claims, error.toString());
                } else {
                    found.ifPresent(LOG::warn);
                }
            });
        }
    }

    /** What {@link #check} warns about for this topic, as the cluster has it configured now. */
    public CompletionStage<Optional<String>> shortfall(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        DescribeConfigsOptions options = new DescribeConfigsOptions().timeoutMs((int) TIMEOUT.toMillis());
        return admin.describeConfigs(List.of(resource), options).values().get(resource).toCompletionStage()
                .thenApply(config -> {
                    String policy = value(config, TopicConfig.CLEANUP_POLICY_CONFIG);
                    String retention = value(config, TopicConfig.RETENTION_MS_CONFIG);
                    if (policy != null && !policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
                        // Compaction alone keeps each key's newest record whatever retention.ms says.
                        return shortfall(topic, -1, 0, claims);
                    }
                    if (retention == null) {
                        return Optional.empty(); // not told: nothing to weigh
                    }
                    String segment = value(config, TopicConfig.SEGMENT_MS_CONFIG);
                    return shortfall(topic, Long.parseLong(retention), segment == null ? 0 : Long.parseLong(segment),
                            claims);
                });
    }

    /** The warning for one topic, if its records can outlive the claims ({@code retentionMs} -1: kept for good). */
    static Optional<String> shortfall(String topic, long retentionMs, long segmentMs, Duration claims) {
        long keptMs = retentionMs < 0 ? Long.MAX_VALUE : saturatedSum(retentionMs, Math.max(segmentMs, 0));
        if (keptMs <= claims.toMillis()) {
            return Optional.empty();
        }
        String kept = keptMs == Long.MAX_VALUE ? "for good (retention.ms -1, or compaction alone)"
                : "up to " + Duration.ofMillis(keptMs) + " (retention.ms + segment.ms)";
        return Optional.of("Topic " + topic + " keeps events " + kept + ", longer than applied events' claims are "
                + "kept (" + claims + ", documind.consumer.processed-event-retention): an event redelivered after its "
                + "claim was pruned is applied again. Raise the setting, or lower the topic's retention");
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static String value(Config config, String name) {
        return config.get(name) == null ? null : config.get(name).value();
    }
}
