package io.documind.notification.delivery;

import io.documind.notification.template.RenderedEmail;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
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
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final String keyId;
    private final JsonMapper json;
    private final SecureRandom random = new SecureRandom();

    public MailSealer(@Nullable @Value("${documind.notification.sealing-key:}") String configuredKey, JsonMapper json) {
        this.json = json;
        byte[] raw;
        if (configuredKey == null || configuredKey.isBlank()) {
            raw = new byte[32];
            random.nextBytes(raw);
            LOG.warn("No documind.notification.sealing-key (DOCUMIND_NOTIFICATION_SEALING_KEY): using a key of this "
                    + "process only. Fine for one local instance; set a shared key when running several instances, "
                    + "or pending mail recorded before a restart is marked Failed instead of sent.");
        } else {
            try {
                raw = Base64.getDecoder().decode(configuredKey.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("documind.notification.sealing-key is not base64", e);
            }
            if (raw.length != 32) {
                throw new IllegalStateException("documind.notification.sealing-key must be 32 bytes (base64 of 32 "
                        + "random bytes, e.g. `openssl rand -base64 32`), got " + raw.length);
            }
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.keyId = fingerprint(raw);
        Arrays.fill(raw, (byte) 0);
    }

    /** Names the key without revealing it, so rows sealed under another key can be recognised. */
    public String keyId() {
        return keyId;
    }

    public byte[] seal(UUID notificationId, RenderedEmail email) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(notificationId));
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(email));
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal an email", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws GeneralSecurityException when the body was sealed under another key or altered */
    public RenderedEmail open(UUID notificationId, byte[] sealed) throws GeneralSecurityException {
        if (sealed == null || sealed.length <= IV_BYTES) {
            throw new GeneralSecurityException("no sealed body");
        }
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
        cipher.updateAAD(associatedData(notificationId));
        byte[] plain = cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        try {
            return json.readValue(plain, RenderedEmail.class);
        } catch (IOException e) {
            throw new GeneralSecurityException("sealed body is not an email", e);
        }
    }

    private static byte[] associatedData(UUID notificationId) {
        return notificationId.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String fingerprint(byte[] raw) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
