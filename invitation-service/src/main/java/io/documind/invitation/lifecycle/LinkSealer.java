package io.documind.invitation.lifecycle;

import io.documind.kit.crypto.SealedBox;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;

import java.security.PublicKey;
import java.util.UUID;

/**
 * Seals the invitation link (it carries the one-time secret) for notification-service, which alone holds the
 * private key: the outbox row, the topic and its dead-letter topic then hold no secret in clear. Built at start
 * (after the deployment guard), so a missing or malformed key stops the service rather than the first invitation.
 */
@Context
public class LinkSealer {

    public static final String SETTING = "documind.invitation.link-public-key";

    private final PublicKey notificationKey;

    public LinkSealer(@Nullable @Value("${documind.invitation.link-public-key:}") String publicKey) {
        if (publicKey == null || publicKey.isBlank()) {
            throw new IllegalStateException(SETTING + " (DOCUMIND_INVITATION_LINK_PUBLIC_KEY) is not set: the public "
                    + "key of notification-service's link key pair (the local stack makes one; see the README)");
        }
        this.notificationKey = SealedBox.publicKey(publicKey, SETTING);
    }

    /** The invitation id is the associated data: a sealed link moved to another invitation does not open. */
    public String seal(UUID invitationId, String link) {
        return SealedBox.seal(notificationKey, link, invitationId.toString());
    }
}
