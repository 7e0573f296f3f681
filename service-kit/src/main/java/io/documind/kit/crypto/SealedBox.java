package io.documind.kit.crypto;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals a short secret for one recipient, who alone holds the private key: an ECIES-style box from the JDK alone
 * (X25519 with a fresh ephemeral key per box, SHA-256 as the key derivation, AES-256-GCM). The sender needs only
 * the recipient's public key, so a sender that is compromised later cannot open what it sealed before. The
 * associated data binds a box to its context (e.g. an invitation id): a box moved elsewhere does not open.
 *
 * <p>Form: {@code v1.<ephemeral public key>.<iv>.<ciphertext and tag>}, each part base64url without padding.
 * Keys travel as base64 of their standard encodings: X.509 for the public key, PKCS#8 for the private key
 * (short: 60 and 64 characters, so they fit an environment variable).
 */
public final class SealedBox {

    private static final String ALGORITHM = "X25519";
    private static final String VERSION = "v1";
    private static final byte[] KDF_LABEL = "documind sealed box v1".getBytes(StandardCharsets.US_ASCII);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedBox() {
    }

    /** A new recipient key pair (what the local stack and tests make; deployments make theirs the same way). */
    public static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + ALGORITHM, e);
        }
    }

    /** Base64 of the key's standard encoding, as settings hold it. */
    public static String encode(java.security.Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** @throws IllegalArgumentException naming {@code setting} when the value is not an X25519 public key */
    public static PublicKey publicKey(String base64, String setting) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not an X25519 public key (base64 of its X.509 encoding)", e);
        }
    }

    /** @throws IllegalArgumentException naming {@code setting} when the value is not an X25519 private key */
    public static PrivateKey privateKey(String base64, String setting) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not an X25519 private key (base64 of its PKCS#8 encoding)", e);
        }
    }

    public static String seal(PublicKey recipient, String plaintext, String associatedData) {
        try {
            KeyPair ephemeral = generateKeyPair();
            byte[] ephemeralPublic = ephemeral.getPublic().getEncoded();
            SecretKeySpec key = derive(ephemeral.getPrivate(), recipient, ephemeralPublic);
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return String.join(".", VERSION, B64URL.encodeToString(ephemeralPublic), B64URL.encodeToString(iv),
                    B64URL.encodeToString(sealed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal", e);
        }
    }

    /** @throws GeneralSecurityException when the box is malformed, altered, moved, or sealed for another key */
    public static String open(PrivateKey recipient, String box, String associatedData) throws GeneralSecurityException {
        String[] parts = box == null ? new String[0] : box.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw new GeneralSecurityException("not a " + VERSION + " sealed box");
        }
        try {
            byte[] ephemeralPublic = B64URL_DECODER.decode(parts[1]);
            PublicKey ephemeral = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(ephemeralPublic));
            SecretKeySpec key = derive(recipient, ephemeral, ephemeralPublic);
            byte[] iv = B64URL_DECODER.decode(parts[2]);
            if (iv.length != IV_BYTES) {
                throw new GeneralSecurityException("bad iv");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(B64URL_DECODER.decode(parts[3])), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not a sealed box", e);
        }
    }

    /** AES key = SHA-256(label ‖ X25519 shared secret ‖ ephemeral public key). */
    private static SecretKeySpec derive(PrivateKey own, PublicKey other, byte[] ephemeralPublic)
            throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance(ALGORITHM);
        agreement.init(own);
        agreement.doPhase(other, true);
        byte[] shared = agreement.generateSecret(); // the JDK refuses an all-zero secret (a small-order point)
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(KDF_LABEL);
        sha.update(shared);
        sha.update(ephemeralPublic);
        Arrays.fill(shared, (byte) 0);
        return new SecretKeySpec(sha.digest(), "AES");
    }

    private static byte[] decode(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("empty");
        }
        return Base64.getDecoder().decode(base64.strip());
    }
}
