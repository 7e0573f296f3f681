package io.documind.invitation.lifecycle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one-time secret of an invitation link. 256 random bits, so a plain SHA-256 is enough to store it
 * (nothing to brute-force, unlike a password); only the hash is kept, and it is compared in constant time.
 */
public final class LinkSecrets {

    static final int SECRET_BYTES = 32;
    /** Longer candidates are refused unhashed: a real secret is 43 characters. */
    static final int MAX_CANDIDATE_LENGTH = 128;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A freshly minted secret: the token goes into the emailed link, the hash into the database. */
    public record Minted(String token, byte[] hash) {
    }

    private LinkSecrets() {
    }

    public static Minted mint() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Minted(token, hash(token));
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static boolean matches(String candidate, byte[] storedHash) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_CANDIDATE_LENGTH || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(candidate), storedHash);
    }
}
