package io.documind.kit.consumer;

import io.documind.localstack.testing.TestInfrastructure;
import io.micronaut.context.BeanContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A consumed topic that can hold an event longer than its claim is kept is named; one that cannot is not. */
class ClaimRetentionCheckTest {

    private static final Duration CLAIMS = Duration.ofDays(30);

    @Test
    void aTopicIsWeighedByRetentionPlusSegmentAge() {
        assertEquals(Optional.empty(), ClaimRetentionCheck.shortfall("t", days(7), days(7), CLAIMS));
        assertEquals(Optional.empty(), ClaimRetentionCheck.shortfall("t", days(30), 0, CLAIMS));
        // 25 days fits on its own, not with a week-old segment still waiting to be deleted.
        assertTrue(ClaimRetentionCheck.shortfall("t", days(25), days(7), CLAIMS).orElseThrow()
                .contains("retention.ms + segment.ms"));
        assertTrue(ClaimRetentionCheck.shortfall("t", -1, days(7), CLAIMS).orElseThrow().contains("for good"));
        // Near Long.MAX_VALUE the sum must not wrap round to a small number.
        assertTrue(ClaimRetentionCheck.shortfall("t", Long.MAX_VALUE - 1, days(7), CLAIMS).isPresent());
    }

    @Test
    void theClustersTopicSettingsAreRead() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String usual = "claims-usual-" + suffix;
        String long_ = "claims-long-" + suffix;
        String forGood = "claims-for-good-" + suffix;
        String compacted = "claims-compacted-" + suffix;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(usual, 1, (short) 1),
                    new NewTopic(long_, 1, (short) 1).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG,
                            String.valueOf(days(40)))),
                    new NewTopic(forGood, 1, (short) 1).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")),
                    new NewTopic(compacted, 1, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                            TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(30, TimeUnit.SECONDS);
            ConsumerConfiguration config = new ConsumerConfiguration();
            config.setProcessedEventRetention(CLAIMS);
            ClaimRetentionCheck check = new ClaimRetentionCheck(admin, (BeanContext) null, config);

            assertEquals(Optional.empty(), shortfall(check, usual));
            assertTrue(shortfall(check, long_).orElseThrow().startsWith("Topic " + long_ + " keeps events up to PT"));
            assertTrue(shortfall(check, forGood).orElseThrow()
                    .startsWith("Topic " + forGood + " keeps events for good"));
            assertTrue(shortfall(check, compacted).orElseThrow().contains("for good"));
            // A topic the cluster cannot describe fails that topic's check alone (the service logs it as a warning).
            ExecutionException missing = assertThrows(ExecutionException.class,
                    () -> shortfall(check, "claims-missing-" + suffix));
            assertTrue(missing.getCause() instanceof UnknownTopicOrPartitionException, missing.toString());
        }
    }

    private static Optional<String> shortfall(ClaimRetentionCheck check, String topic) throws Exception {
        return check.shortfall(topic).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static long days(int n) {
        return Duration.ofDays(n).toMillis();
    }
}
