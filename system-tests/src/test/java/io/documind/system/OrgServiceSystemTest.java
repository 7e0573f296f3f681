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

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged org-service as its own process over real Kafka and PostgreSQL, driven only through its public
 * API and topic: sign up, get a user token, create an organization, become Admin through the event, get an
 * organization token with the Admin scopes, be refused one elsewhere; a replay of the topic changes nothing.
 */
class OrgServiceSystemTest {

    private static final String GROUP = "org-service";
    private static final List<String> ADMIN_SCOPES = List.of("create:documents", "delete:documents", "delete:member",
            "delete:organization", "invite:member", "manage:member", "manage:organization", "read:documents",
            "update:documents");
    private static KafkaBroker kafka;
    private static RunningService org;

    @BeforeAll
    static void start() {
        kafka = TestInfrastructure.kafka();
        org = RunningService.orgService(kafka, "system-test-m2m", "system-test-secret-0123456789");
    }

    @AfterAll
    static void stop() {
        org.close();
    }

    /** The image's HEALTHCHECK and docker-compose.yml's, against the packaged service: bash alone, no curl. */
    @Test
    void theImagesReadinessProbeAnswersForTheRunningService() throws Exception {
        String base = "http://127.0.0.1:" + org.port();
        assertEquals(0, readinessProbe(base + "/health/readiness"));
        assertEquals(1, readinessProbe(base + "/no-such-page"), "a 404 is not ready");
        try (ServerSocket closed = new ServerSocket(0)) {
            int nothing = closed.getLocalPort();
            closed.close();
            assertEquals(1, readinessProbe("http://127.0.0.1:" + nothing + "/health/readiness"));
        }
    }

    private static int readinessProbe(String url) throws Exception {
        Path root = Path.of(System.getProperty("documind.root", "..")).toAbsolutePath();
        Process probe = new ProcessBuilder("bash", root.resolve("docker/readiness.sh").toString(), url)
                .redirectErrorStream(true).start();
        if (!probe.waitFor(10, TimeUnit.SECONDS)) {
            probe.destroyForcibly();
            throw new AssertionError("the probe did not end within 10 s");
        }
        return probe.exitValue();
    }

    @Test
    void aSignedUpUserCreatesAnOrganizationAndGetsAnAdminOrganizationTokenForItOnly() throws Exception {
        String email = "founder-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Accounts.Session founder = Accounts.signUp(org, email, "Founder");

        String correlation = "journey-" + UUID.randomUUID();
        Http.Response created = Http.post(org.baseUrl() + "/organizations", Map.of("name", "Acme"),
                Map.of("Authorization", "Bearer " + founder.accessToken, "X-Correlation-Id", correlation));
        assertEquals(201, created.status(), created.body());
        assertEquals(correlation, created.raw().headers().firstValue("X-Correlation-Id").orElse(null));
        String id = created.json().path("id").asText();

        // The creator becomes Admin through OrganizationCreated → MembershipCreated, and the 201 waited for that
        // (read-your-writes): an organization token at once, with no retry.
        String orgToken = Accounts.tryOrganizationToken(org, founder, id);
        assertNotNull(orgToken, "an organization token right after the 201");
        JsonNode claims = Http.JSON.readTree(Base64.getUrlDecoder().decode(orgToken.split("\\.")[1]));
        assertEquals("urn:documind:organization:" + id, claims.path("aud").isArray()
                ? claims.path("aud").get(0).asText() : claims.path("aud").asText());
        assertEquals(ADMIN_SCOPES, Arrays.stream(claims.path("scope").asText().split(" ")).sorted().toList());
        assertEquals(200, Http.get(org.baseUrl() + "/organizations/" + id,
                Http.bearer(orgToken)).status());

        Http.Response elsewhere = Http.postForm(org.baseUrl() + "/oidc/token", Map.of("grant_type", "refresh_token",
                "refresh_token", founder.refreshToken, "organization_id", UUID.randomUUID().toString()));
        assertEquals(403, elsewhere.status());
        assertEquals("access_denied", elsewhere.json().path("error").asText());

        List<ConsumerRecord<String, byte[]>> events = eventsOf(id);
        assertEquals(List.of("OrganizationCreated", "MembershipCreated"), types(events));
        EventSchemaValidator schemas = new EventSchemaValidator();
        for (ConsumerRecord<String, byte[]> event : events) {
            assertEquals(List.of(), schemas.validate(event.topic(), new String(event.value(), StandardCharsets.UTF_8)));
            // The request's correlation id travels into its event, and on into the event the consumer emitted.
            assertEquals(correlation, Http.JSON.readTree(event.value()).path("correlationid").asText());
        }

        String membersBefore = Http.get(org.baseUrl() + "/organizations/" + id + "/members",
                Http.bearer(orgToken)).body();
        replayFromTheBeginning();
        assertEquals(List.of("OrganizationCreated", "MembershipCreated"), types(eventsOf(id)), "no new events");
        assertEquals(Http.JSON.readTree(membersBefore), Http.get(org.baseUrl() + "/organizations/" + id + "/members",
                Http.bearer(orgToken)).json(), "the same single Admin membership");
        assertTrue(membersBefore.contains("Admin"));
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
            admin.alterConsumerGroupOffsets(GROUP, committed.keySet().stream()
                    .collect(Collectors.toMap(p -> p, p -> new OffsetAndMetadata(0)))).all().get();

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
