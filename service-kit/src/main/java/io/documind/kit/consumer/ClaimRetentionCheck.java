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
import java.util.ArrayList;
import java.util.Collection;
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
        shortfalls(ListenerCoverage.subscribedTopics(context)).whenComplete((found, error) -> {
            if (error != null) {
                LOG.debug("Could not read the consumed topics' retention; checked again later", error);
            } else {
                found.forEach(LOG::warn);
            }
        });
    }

    /** What {@link #check} warns about, for these topics as the cluster has them configured now. */
    public CompletionStage<List<String>> shortfalls(Collection<String> topics) {
        List<ConfigResource> resources = topics.stream().sorted()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        return admin.describeConfigs(resources, new DescribeConfigsOptions().timeoutMs((int) TIMEOUT.toMillis()))
                .all().toCompletionStage().thenApply(configs -> {
                    List<String> found = new ArrayList<>();
                    for (ConfigResource resource : resources) {
                        Config config = configs.get(resource);
                        if (config == null || config.get(TopicConfig.RETENTION_MS_CONFIG) == null) {
                            continue; // not told: nothing to weigh
                        }
                        shortfall(resource.name(), millis(config, TopicConfig.RETENTION_MS_CONFIG),
                                millis(config, TopicConfig.SEGMENT_MS_CONFIG), claims).ifPresent(found::add);
                    }
                    return found;
                });
    }

    /** The warning for one topic, if its records can outlive the claims. */
    static Optional<String> shortfall(String topic, long retentionMs, long segmentMs, Duration claims) {
        if (retentionMs >= 0 && retentionMs + Math.max(segmentMs, 0) <= claims.toMillis()) {
            return Optional.empty();
        }
        String kept = retentionMs < 0 ? "for good (retention.ms -1)"
                : "up to " + Duration.ofMillis(retentionMs + segmentMs) + " (retention.ms + segment.ms)";
        return Optional.of("Topic " + topic + " keeps events " + kept + ", longer than applied events' claims are kept ("
                + claims + ", documind.consumer.processed-event-retention): an event redelivered after its claim was "
                + "pruned is applied again. Raise the setting, or lower the topic's retention");
    }

    private static long millis(Config config, String name) {
        String value = config.get(name) == null ? null : config.get(name).value();
        return value == null ? 0 : Long.parseLong(value);
    }
}
