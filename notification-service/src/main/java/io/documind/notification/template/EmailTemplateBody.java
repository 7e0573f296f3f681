package io.documind.notification.template;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** PUT /api/email-templates/{usageType}; checked by {@link TemplateRules}, which names the offending field. */
@Serdeable
public record EmailTemplateBody(@Nullable String subject, @Nullable String content, @Nullable String type) {
}
