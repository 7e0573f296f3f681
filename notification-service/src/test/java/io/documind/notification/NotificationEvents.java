package io.documind.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.contracts.Topics;
import io.documind.contracts.schema.EventSchemaValidator;
import io.documind.localstack.testing.TestInfrastructure;
import io.documind.localstack.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What notification-service published to notification.events.v1, each envelope checked against its schema. */
final class NotificationEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventSchemaValidator SCHEMAS = new EventSchemaValidator();

    private NotificationEvents() {
    }

    /** The EmailSent/EmailFailed envelopes whose email the given event asked for. */
    static List<JsonNode> about(UUID triggeringEventId) {
        List<JsonNode> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record
                : TopicReader.readAll(TestInfrastructure.kafka().bootstrapServers(), Topics.NOTIFICATION_EVENTS)) {
            String text = new String(record.value(), StandardCharsets.UTF_8);
            JsonNode envelope = read(text);
            if (triggeringEventId.toString().equals(envelope.path("data").path("triggeringEventId").asText())) {
                assertEquals(List.of(), SCHEMAS.validate(record.topic(), text), "every emitted event matches its schema");
                found.add(envelope);
            }
        }
        return found;
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
