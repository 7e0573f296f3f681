package io.documind.notification.delivery;

import io.documind.notification.template.UsageType;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;
import java.util.UUID;

/**
 * What a consumer asks for: one email of a usage type, to one recipient, because of one event.
 *
 * @param values      the template's placeholder values, unescaped; {@code link} may carry a secret
 * @param rateLimited whether the invitation limits (per organization, per recipient) apply
 */
public record EmailRequest(UUID triggeringEventId,
                           UsageType usageType,
                           @Nullable String organizationId,
                           @Nullable String invitationId,
                           String recipient,
                           Map<String, String> values,
                           boolean rateLimited) {

    public static final String LINK = "link";

    @Nullable
    public String link() {
        return values.get(LINK);
    }
}
