package io.documind.notification.template;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A template filled in for one recipient: the subject, the HTML part (null for plain-text templates), the text part. */
@Serdeable
public record RenderedEmail(String subject, @Nullable String html, String text) {
}
