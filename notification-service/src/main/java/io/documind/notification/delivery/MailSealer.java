package io.documind.notification.delivery;

import io.documind.kit.crypto.SecretBox;
import io.documind.notification.template.RenderedEmail;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * Seals a rendered email (AES-256-GCM) between recording and sending: an invitation's body holds the link's
 * one-time secret, and the database must never hold it in clear. The notification id is the associated data,
 * so a sealed body cannot be moved to another row. Bodies are erased once their email is final.
 *
 * <p>The key comes from {@code documind.notification.sealing-key} (base64 of 32 random bytes). Every instance
 * of the service must share it, and the local stack passes one it keeps under {@code .local/}. Without one, each
 * process makes its own: mail it recorded can then be sent by no other process, not even itself after a restart
 * (see the orphan sweep in {@link DeliveryWorker}).
 */
@Singleton
public class MailSealer {

    private static final Logger LOG = LoggerFactory.getLogger(MailSealer.class);

    private final SecretBox box;
    private final JsonMapper json;

    public MailSealer(@Nullable @Value("${documind.notification.sealing-key:}") String configuredKey, JsonMapper json) {
        this.json = json;
        if (configuredKey == null || configuredKey.isBlank()) {
            box = SecretBox.random();
            LOG.warn("No documind.notification.sealing-key (DOCUMIND_NOTIFICATION_SEALING_KEY): using a key of this "
                    + "process only. Fine for one local instance; set a shared key when running several instances, "
                    + "or pending mail recorded before a restart is marked Failed instead of sent.");
        } else {
            box = SecretBox.fromBase64(configuredKey, "documind.notification.sealing-key");
        }
    }

    /** Names the key without revealing it, so rows sealed under another key can be recognised. */
    public String keyId() {
        return box.keyId();
    }

    public byte[] seal(UUID notificationId, RenderedEmail email) {
        try {
            return box.seal(associatedData(notificationId), json.writeValueAsBytes(email));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws GeneralSecurityException when the body was sealed under another key or altered */
    public RenderedEmail open(UUID notificationId, byte[] sealed) throws GeneralSecurityException {
        byte[] plain = box.open(associatedData(notificationId), sealed);
        try {
            return json.readValue(plain, RenderedEmail.class);
        } catch (IOException e) {
            throw new GeneralSecurityException("sealed body is not an email", e);
        }
    }

    private static byte[] associatedData(UUID notificationId) {
        return notificationId.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
