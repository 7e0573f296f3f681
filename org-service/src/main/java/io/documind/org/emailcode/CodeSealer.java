package io.documind.org.emailcode;

import io.documind.contracts.events.EmailCodeRequested;
import io.documind.kit.crypto.SealedBox;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;

import java.security.PublicKey;

/**
 * Seals emailed codes and links for notification-service, as invitation-service seals invitation links, with the
 * public half of the same key pair: the outbox, the topic and its dead-letter topic hold no code in clear. Built at
 * start, so a missing or malformed key stops the service rather than the first sign-up.
 */
@Context
public class CodeSealer {

    public static final String SETTING = "documind.identity.mail-public-key";

    private final PublicKey notificationKey;

    public CodeSealer(@Nullable @Value("${documind.identity.mail-public-key:}") String publicKey) {
        if (publicKey == null || publicKey.isBlank()) {
            throw new IllegalStateException(SETTING + " (DOCUMIND_IDENTITY_MAIL_PUBLIC_KEY) is not set: the public "
                    + "key of notification-service's link key pair (the local stack makes one; see the README)");
        }
        this.notificationKey = SealedBox.publicKey(publicKey, SETTING);
    }

    public String seal(String userId, String usageType, String secret) {
        return SealedBox.seal(notificationKey, secret, EmailCodeRequested.associatedData(userId, usageType));
    }
}
