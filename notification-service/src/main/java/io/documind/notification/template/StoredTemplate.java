package io.documind.notification.template;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A row of {@code email_template}: usage type and content type as their wire names. */
@MappedEntity("email_template")
public record StoredTemplate(@Id String usageType, String subject, String content, String contentType,
                             Instant updatedAt) {

    EmailTemplate toTemplate() {
        return new EmailTemplate(UsageType.byWireName(usageType).orElseThrow(), subject, content,
                ContentType.byMediaType(contentType).orElseThrow(), updatedAt);
    }
}
