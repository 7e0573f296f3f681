package io.documind.kit.crypto;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Seals data at rest under one shared secret key (AES-256-GCM, a fresh 96-bit IV per box), for what a service
 * must store but must be able to read back itself: mail waiting to be sent, the issuer's private signing keys; and
 * {@link #mac keyed hashes} of what it must only recognise (a short emailed code, which a plain hash would give
 * away to whoever reads the database: a million guesses).
 * {@link SealedBox} is its public-key sibling, for a secret only another service may open. The associated data
 * binds a box to its row (an id), so a box copied to another row does not open there.
 *
 * <p>Form: the IV, then the ciphertext and its 128-bit tag. Keys are base64 of 32 random bytes
 * ({@code openssl rand -base64 32}) and are named by {@link #keyId()}, which identifies the key without revealing it.
 */
public final class SecretBox {

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final String MAC = "HmacSHA256";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final SecretKeySpec macKey;
    private final String keyId;

    private SecretBox(byte[] raw) {
        this.key = new SecretKeySpec(raw, "AES");
        this.macKey = new SecretKeySpec(raw, MAC);
        this.keyId = fingerprint(raw);
    }

    /** A key of this process only. */
    public static SecretBox random() {
        byte[] raw = new byte[KEY_BYTES];
        RANDOM.nextBytes(raw);
        try {
            return new SecretBox(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** @throws IllegalStateException naming {@code setting} when the value is not base64 of 32 bytes */
    public static SecretBox fromBase64(String base64, String setting) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64", e);
        }
        try {
            if (raw.length != KEY_BYTES) {
                throw new IllegalStateException(setting + " must be 32 bytes (base64 of 32 random bytes, e.g. "
                        + "`openssl rand -base64 32`), got " + raw.length);
            }
            return new SecretBox(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** The first 8 bytes of the key's SHA-256, in hex: names the key in stored rows and messages. */
    public String keyId() {
        return keyId;
    }

    public byte[] seal(byte[] associatedData, byte[] plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal with AES-GCM", e);
        }
    }

    /** @throws GeneralSecurityException when the box was sealed under another key, for other data, or altered */
    public byte[] open(byte[] associatedData, byte[] sealed) throws GeneralSecurityException {
        if (sealed == null || sealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("no sealed box");
        }
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
    }

    /**
     * HMAC-SHA256 of {@code data} under a key of its own for {@code purpose} (itself an HMAC of the purpose under
     * this key), so one secret serves several uses without one's values telling anything about another's.
     */
    public byte[] mac(String purpose, byte[] data) {
        try {
            Mac derive = Mac.getInstance(MAC);
            derive.init(macKey);
            byte[] purposeKey = derive.doFinal(("documind mac v1:" + purpose).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(purposeKey, MAC));
            Arrays.fill(purposeKey, (byte) 0);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + MAC, e);
        }
    }

    private static String fingerprint(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
