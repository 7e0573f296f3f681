package io.documind.kit.events;

import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.events.EventCatalog;
import io.documind.contracts.events.EventType;
import io.documind.contracts.schema.EventSchemaValidator;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.config.DeserializationConfiguration;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Writes events into CloudEvents envelopes and reads them back, checking each against its JSON Schema. */
@Singleton
public class EnvelopeCodec {

    private final JsonMapper json;
    private final EventSchemaValidator schemas = new EventSchemaValidator();

    public EnvelopeCodec(JsonMapper json, DeserializationConfiguration deserialization) {
        // Request bodies refuse unknown fields (KitDefaults); events are read as tolerant readers do.
        this.json = json instanceof ObjectMapper serde
                ? serde.cloneWithConfiguration(null, null, tolerant(deserialization))
                : json;
    }

    private static DeserializationConfiguration tolerant(DeserializationConfiguration base) {
        return new DeserializationConfiguration() {
            @Override
            public boolean isIgnoreUnknown() {
                return true;
            }

            @Override
            public int getArraySizeThreshold() {
                return base.getArraySizeThreshold();
            }

            @Override
            public boolean isStrictNullable() {
                return base.isStrictNullable();
            }

            @Override
            public boolean isFailOnNullForPrimitives() {
                return base.isFailOnNullForPrimitives();
            }

            @Override
            public boolean isSubtypesRequireDefaultImpl() {
                return base.isSubtypesRequireDefaultImpl();
            }

            @Override
            public boolean acceptCaseInsensitiveEnums() {
                return base.acceptCaseInsensitiveEnums();
            }
        };
    }

    public EventEnvelope envelope(DomainEvent event, UUID id, Instant time, String subject, String correlationId) {
        EventType<?> type = EventCatalog.of(event.getClass());
        try {
            JsonNode data = json.writeValueToTree(event);
            return new EventEnvelope(EventEnvelope.SPEC_VERSION, id.toString(), type.source(), type.name(),
                    time.toString(), subject, EventEnvelope.CONTENT_TYPE, type.dataSchema(),
                    event.organizationId(), correlationId, data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + type.name(), e);
        }
    }

    public String write(EventEnvelope envelope) {
        try {
            return json.writeValueAsString(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize envelope " + envelope.id(), e);
        }
    }

    /**
     * Reads a record value. Anything that is not a valid envelope of a cataloged event, or whose data
     * breaks its schema, is an {@link InvalidEventException}: retrying it can never help.
     */
    public DecodedEvent read(String topic, byte[] value) {
        if (value == null) {
            throw new InvalidEventException("record has no value");
        }
        String text = new String(value, StandardCharsets.UTF_8);
        List<String> problems = schemas.validate(topic, text);
        if (!problems.isEmpty()) {
            throw new InvalidEventException("invalid event: " + String.join("; ", problems));
        }
        try {
            EventEnvelope envelope = json.readValue(text, EventEnvelope.class);
            EventType<?> type = EventCatalog.byName(envelope.type())
                    .orElseThrow(() -> new InvalidEventException("unknown event type " + envelope.type()));
            DomainEvent data = json.readValueFromTree(envelope.data(), type.dataClass());
            return new DecodedEvent(envelope, type, data);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidEventException invalid) {
                throw invalid;
            }
            throw new InvalidEventException("unreadable event: " + e.getMessage(), e);
        }
    }
}
