package io.documind.contracts.events;

import java.time.Instant;

/**
 * Asks notification-service to email a one-time code to {@code email}: {@code usageType} {@code Register} (verify
 * the address; with a link that verifies too) or {@code ForgotPassword} (reset the password). The code and link are
 * secrets, so like an invitation link they travel sealed for notification-service alone (the kit's
 * {@code SealedBox}, associated data {@code userId + ":" + usageType}): the outbox and topics hold no secret.
 */
public record EmailCodeRequested(String userId, String email, String name, String usageType, String sealedCode,
                                 String sealedLink, Instant expiresAt) implements DomainEvent {

    public static final String REGISTER = "Register";
    public static final String FORGOT_PASSWORD = "ForgotPassword";

    /** What the code and the link are sealed to: a box moved to another user or purpose does not open. */
    public static String associatedData(String userId, String usageType) {
        return userId + ":" + usageType;
    }

    /** A platform-wide event: it belongs to no organization. */
    @Override
    public String organizationId() {
        return null;
    }
}
