package io.documind.notification.delivery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** One row of the delivery log as the API shows it: never the body, and the link only redacted. */
@Serdeable
public record NotificationEntry(String id,
                                String triggeringEventId,
                                String usageType,
                                @Nullable String organizationId,
                                @Nullable String invitationId,
                                String recipient,
                                String subject,
                                @Nullable String link,
                                String status,
                                int attempts,
                                @Nullable Instant nextAttemptAt,
                                @Nullable String lastError,
                                Instant createdAt,
                                @Nullable Instant sentAt) {
}
