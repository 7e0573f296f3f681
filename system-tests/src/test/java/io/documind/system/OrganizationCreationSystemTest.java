package io.documind.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.contracts.Topics;
import io.documind.contracts.schema.EventSchemaValidator;
import io.documind.localstack.KafkaBroker;
import io.documind.localstack.testing.TestInfrastructure;
import io.documind.localstack.testing.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The first flow over the packaged org-service as its own process, real Kafka and PostgreSQL:
 * POST /organizations → OrganizationCreated → creator made Admin → MembershipCreated; then a replay of the
 * whole topic from offset 0 changes nothing.
 */
class OrganizationCreationSystemTest {

    private static final String GROUP = "org-service";
    private static KafkaBroker kafka;
    private static RunningService org;

    @BeforeAll
    static void start() {
        kafka = TestInfrastructure.kafka();
        org = RunningService.start("org-service", kafka);
    }

    @AfterAll
    static void stop() {
        org.close();
    }

    @Test
    void theCreatorBecomesAdminThroughEventsAndAReplayChangesNothing() throws Exception {
        String user = "user-" + UUID.randomUUID();
        Map<String, String> caller = Map.of("X-Stand-In-User-Id", user, "X-Stand-In-User-Email", user + "@example.com");

        Http.Response created = Http.post(org.baseUrl() + "/organizations", Map.of("name", "Acme"), caller);
        assertEquals(201, created.status(), created.body());
        String id = created.json().path("id").asText();

        String membersUrl = org.baseUrl() + "/organizations/" + id + "/members";
        JsonNode members = await().atMost(Duration.ofSeconds(30))
                .until(() -> Http.get(membersUrl, caller), r -> r.status() == 200 && r.json().size() == 1).json();
        assertEquals(user, members.get(0).path("userId").asText());
        assertEquals("Admin", members.get(0).path("roles").get(0).asText());

        List<ConsumerRecord<String, byte[]>> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> eventsOf(id), e -> e.size() >= 2);
        assertEquals(List.of("OrganizationCreated", "MembershipCreated"), types(events));
        EventSchemaValidator schemas = new EventSchemaValidator();
        for (ConsumerRecord<String, byte[]> event : events) {
            assertEquals(List.of(), schemas.validate(event.topic(), new String(event.value(), StandardCharsets.UTF_8)));
        }

        replayFromTheBeginning();

        assertEquals(List.of("OrganizationCreated", "MembershipCreated"), types(eventsOf(id)), "no new events");
        JsonNode after = Http.get(membersUrl, caller).json();
        assertEquals(members, after, "the same single Admin membership");
    }

    /** Stops org-service, rewinds its consumer group to offset 0, restarts it and waits until it caught up. */
    private static void replayFromTheBeginning() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = await().atMost(Duration.ofSeconds(30))
                    .until(() -> admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(),
                            o -> !o.isEmpty());
            org.stop();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
                return group.groupState() == GroupState.EMPTY;
            });
            Map<TopicPartition, OffsetAndMetadata> rewound = committed.keySet().stream()
                    .collect(Collectors.toMap(p -> p, p -> new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets(GROUP, rewound).all().get();

            org.start();
            Map<TopicPartition, Long> end = admin.listOffsets(committed.keySet().stream()
                            .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> now =
                        admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
                return end.entrySet().stream().allMatch(e ->
                        now.containsKey(e.getKey()) && now.get(e.getKey()).offset() >= e.getValue());
            });
        }
    }

    private static List<ConsumerRecord<String, byte[]>> eventsOf(String organizationId) {
        return TopicReader.readAll(kafka.bootstrapServers(), Topics.ORG_EVENTS).stream()
                .filter(r -> organizationId.equals(r.key())).toList();
    }

    private static List<String> types(List<ConsumerRecord<String, byte[]>> events) {
        return events.stream().map(e -> {
            try {
                return Http.JSON.readTree(e.value()).path("type").asText();
            } catch (java.io.IOException ex) {
                throw new AssertionError(ex);
            }
        }).toList();
    }
}
