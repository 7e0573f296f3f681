package io.documind.kit.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode (DESIGN §6). {@code id} is the idempotency key;
 * {@code organizationid} and {@code correlationid} are extensions.
 */
@Serdeable
public record EventEnvelope(String specversion,
                            String id,
                            String source,
                            String type,
                            String time,
                            @Nullable String subject,
                            String datacontenttype,
                            String dataschema,
                            @Nullable String organizationid,
                            @Nullable String correlationid,
                            JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
}
