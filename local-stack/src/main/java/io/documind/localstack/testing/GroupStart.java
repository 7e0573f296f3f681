package io.documind.localstack.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Starts a test's fresh consumer group at the current end of every topic. Without it the group (new per test
 * class, with {@code auto.offset.reset=earliest}) first replays every event earlier test classes in the same JVM
 * published, including ones that are dead-lettered after retries; a test's own events then waited behind that
 * backlog, long enough to time out (seen in notification-service). Events published after this call are all
 * consumed, so nothing a test sends is skipped.
 */
final class GroupStart {

    private GroupStart() {
    }

    static void atTopicEnds(String bootstrapServers, String groupId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> topics = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            if (topics.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics).allTopicNames().get(20, TimeUnit.SECONDS)
                    .values().stream()
                    .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(20, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(groupId, ends).all().get(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting consumer group " + groupId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not start consumer group " + groupId + " at the topics' ends", e);
        }
    }
}
