package io.documind.notification.template;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** A template as the API shows it, with the placeholders its usage type offers. */
@Serdeable
public record EmailTemplateResponse(String usageType, String subject, String content, String type,
                                    List<String> placeholders, Instant updatedAt) {

    static EmailTemplateResponse of(EmailTemplate t) {
        return new EmailTemplateResponse(t.usageType().wireName(), t.subject(), t.content(),
                t.contentType().mediaType(), t.usageType().placeholders().stream().sorted().toList(), t.updatedAt());
    }
}
