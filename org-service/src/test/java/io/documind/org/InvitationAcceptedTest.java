package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.contracts.Topics;
import io.documind.contracts.events.Actor;
import io.documind.contracts.events.InvitationAccepted;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.localstack.testing.TestInfrastructure;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** InvitationAccepted from invitation-service's topic becomes a membership with the invitation's roles, once. */
@MicronautTest(transactional = false)
class InvitationAcceptedTest extends OrgServiceTest {

    @Inject
    EnvelopeCodec codec;

    @Test
    void anAcceptedInvitationMakesAMemberOnceAndAddsRolesToAnExistingOne() throws Exception {
        Account admin = signUp();
        Account invitee = signUp();
        String org = createOrganization(admin, "Inviting");
        byte[] accepted = envelope(new InvitationAccepted(UUID.randomUUID().toString(), org, invitee.id(),
                invitee.email(), List.of("Member"), new Actor(admin.id(), admin.email())));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.INVITATION_EVENTS, org, accepted)).get();
            producer.send(new ProducerRecord<>(Topics.INVITATION_EVENTS, org, accepted)).get();
            producer.send(new ProducerRecord<>(Topics.INVITATION_EVENTS, org, envelope(new InvitationAccepted(
                    UUID.randomUUID().toString(), org, invitee.id(), invitee.email(), List.of("Collaborator"), null)))).get();
        }
        String token = organizationToken(admin, org);
        JsonNode member = await().atMost(Duration.ofSeconds(30)).until(() -> memberOf(token, org, invitee.id()),
                m -> m != null && m.path("roles").size() == 2);
        assertEquals(List.of("Collaborator", "Member"),
                List.of(member.path("roles").get(0).asText(), member.path("roles").get(1).asText()));
        List<String> types = await().atMost(Duration.ofSeconds(30)).until(() -> types(eventsOf(org)),
                t -> t.contains("MemberRolesChanged"));
        assertEquals(2, types.stream().filter("MembershipCreated"::equals).count(), "creator and invitee, no duplicate");
        assertEquals("INVITATION", eventsOf(org).stream().filter(e -> e.path("type").asText().equals("MembershipCreated"))
                .reduce((a, b) -> b).orElseThrow().path("data").path("source").asText());
    }

    private JsonNode memberOf(String token, String org, String userId) {
        for (JsonNode m : json(http.toBlocking().retrieve(HttpRequest.GET("/organizations/" + org + "/members").bearerAuth(token)))) {
            if (m.path("userId").asText().equals(userId)) {
                return m;
            }
        }
        return null;
    }

    private byte[] envelope(InvitationAccepted event) {
        return codec.write(codec.envelope(event, UUID.randomUUID(), Instant.now(), event.organizationId(), null))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }
}
