package io.documind.kit.consumer;

import java.time.Instant;

/** What the envelope says about an event besides its data. */
public record EventMetadata(String eventId, String type, String source, Instant time, String organizationId,
                            String correlationId) {
}
