package io.documind.notification.delivery;

import java.util.Arrays;
import java.util.Optional;

/** Where an email stands in the delivery log. Sent, Failed and Cancelled are final. */
public enum NotificationStatus {
    /** Recorded, waiting for its time (now, after a retry's backoff, or later when a rate limit deferred it). */
    PENDING("Pending"),
    SENT("Sent"),
    /** Refused (bad address), rejected by the SMTP server, or given up after the retry limit; EmailFailed says why. */
    FAILED("Failed"),
    /** Not sent because its reason went away first (the invitation was revoked or expired, the organization deleted). */
    CANCELLED("Cancelled");

    private final String wireName;

    NotificationStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<NotificationStatus> byWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
