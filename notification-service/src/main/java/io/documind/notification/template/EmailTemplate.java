package io.documind.notification.template;

import java.time.Instant;

/** A stored template: subject and content with {@code {{placeholder}}}s. */
public record EmailTemplate(UsageType usageType, String subject, String content, ContentType contentType,
                            Instant updatedAt) {
}
