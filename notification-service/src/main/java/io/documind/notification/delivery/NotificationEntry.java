package io.documind.notification.delivery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the delivery log as the API shows it: never the body, and the link only redacted. Read from the
 * {@code notification} table by column name ({@link NotificationRepository#list}); the ids are UUIDs, which
 * the API shows as strings as before.
 */
@Serdeable
@MappedEntity("notification")
public record NotificationEntry(@Id UUID id,
                                UUID triggeringEventId,
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
