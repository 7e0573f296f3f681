package io.documind.notification.delivery;

import io.documind.kit.crypto.SealedBox;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.List;

/**
 * Opens the invitation link invitation-service sealed for this service (it carries the one-time secret), and the
 * verification and reset codes (and link) org-service sealed the same way. Only
 * this service holds the private key, so the link is in clear nowhere but in here and the invitee's mailbox; the
 * delivery log keeps only its redacted form. Built at start, so a missing or malformed key stops the service.
 */
@Context
public class LinkOpener {

    public static final String SETTING = "documind.notification.link-private-key";
    public static final String PREVIOUS_SETTING = "documind.notification.link-previous-private-key";

    private final List<PrivateKey> keys;

    /**
     * @param previousKey the key pair's private half before a rotation, optional: boxes sealed with the old public
     *                    key (in flight, or from a producer not yet given the new one) still open until it is removed
     */
    public LinkOpener(@Nullable @Value("${documind.notification.link-private-key:}") String privateKey,
                      @Nullable @Value("${documind.notification.link-previous-private-key:}") String previousKey) {
        if (privateKey == null || privateKey.isBlank()) {
            throw new IllegalStateException(SETTING + " (DOCUMIND_NOTIFICATION_LINK_PRIVATE_KEY) is not set: the "
                    + "private key of the invitation-link key pair (the local stack makes one; see the README)");
        }
        this.keys = previousKey == null || previousKey.isBlank()
                ? List.of(SealedBox.privateKey(privateKey, SETTING))
                : List.of(SealedBox.privateKey(privateKey, SETTING), SealedBox.privateKey(previousKey, PREVIOUS_SETTING));
    }

    /**
     * @param boundTo what the box was sealed to (its associated data): the invitation id, or a code's
     *                {@code userId:usageType}
     * @throws UnreadableLinkException when the box opens with neither key: sealed for another key, altered, or
     *                                 moved from another invitation or user. No retry helps, so the email is
     *                                 recorded as Failed ({@link NotificationRecorder#refuse})
     */
    public String open(String boundTo, String sealed) {
        GeneralSecurityException last = null;
        for (PrivateKey key : keys) {
            try {
                return SealedBox.open(key, sealed, boundTo);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new UnreadableLinkException("The sealed secret of " + boundTo
                + " does not open with this service's key: " + last.getMessage());
    }

    /** A sealed link this service cannot open. */
    public static final class UnreadableLinkException extends RuntimeException {
        UnreadableLinkException(String message) {
            super(message);
        }
    }
}
