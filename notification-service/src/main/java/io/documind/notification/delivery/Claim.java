package io.documind.notification.delivery;

import io.documind.notification.template.UsageType;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.UUID;

/**
 * A pending email claimed by one worker for one attempt. {@code token} is this claim's own: the outcome is
 * recorded (and the claim renewed) only while the row still carries it, so a worker whose lease ran out cannot
 * overwrite the outcome of the worker that took the email over. Read from the claiming statement by column name.
 *
 * @param usageTypeName the usage type's wire name, as stored
 * @param ageSeconds how long ago the email was recorded, on the database's clock
 * @param withdrawn  why it was cancelled while an earlier claim was sending it (that worker then died): not to be
 *                   sent; null for mail still wanted
 */
@Introspected
public record Claim(UUID id, UUID token, UUID triggeringEventId, @Nullable String organizationId, String recipient,
                    byte[] sealedBody, int attempts,
                    String usageTypeName,
                    double ageSeconds,
                    @Nullable String withdrawn) {

    public UsageType usageType() {
        return UsageType.byWireName(usageTypeName).orElseThrow();
    }

    public Duration age() {
        return Duration.ofMillis(Math.round(ageSeconds * 1000));
    }
}
