package io.documind.org.token;

import io.documind.kit.crypto.SecretBox;
import io.documind.org.secret.SecretKeys;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

/**
 * Keeps the private signing keys {@link KeyRing} stores in the org database sealed (AES-256-GCM) under
 * org-service's {@link SecretKeys}, which live only in the environment, so that a copy of the database (a backup, a
 * replica, a read-only SQL injection elsewhere) cannot mint tokens for every tenant. A key sealed under an older
 * secret key is sealed again under the current one ({@link #needsRewrap}).
 *
 * <p>Stored form: {@value #PREFIX}{@code <key id>:<base64 of the box>}, the signing key's {@code kid} as the
 * associated data (a box copied to another row does not open). A JWK still stored in clear (a database from before
 * sealing existed) is read as it is and sealed at once.
 *
 * <p>What this protects against is reading: a copy of the database alone cannot sign. Whoever can write to the
 * database can do as much harm without the keys (a password hash, a membership), so keeping them out is the
 * database's access control's work, not this class's.
 */
@Singleton
public class SigningKeyWrapping {

    static final String PREFIX = "sealed:v1:";

    private final SecretKeys keys;

    public SigningKeyWrapping(SecretKeys keys) {
        this.keys = keys;
    }

    /** The stored form of a private JWK, sealed under the current key. */
    String wrap(String kid, String privateJwk) {
        SecretBox sealing = keys.current();
        byte[] box = sealing.seal(associatedData(kid), privateJwk.getBytes(StandardCharsets.UTF_8));
        return PREFIX + sealing.keyId() + ":" + Base64.getEncoder().encodeToString(box);
    }

    /**
     * The private JWK a stored value holds, opened with the key it names; a value in clear (stored before sealing
     * existed) as it is, for {@link KeyRing} to seal.
     *
     * @throws IllegalStateException naming the row and, where it applies, the key it lacks
     */
    String unwrap(String kid, String stored) {
        if (!stored.startsWith(PREFIX)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new IllegalStateException("stored signing key " + kid + " is not in the sealed form");
        }
        String keyId = stored.substring(PREFIX.length(), colon);
        SecretBox key = keys.withId(keyId).orElseThrow(() -> new IllegalStateException("stored signing key " + kid
                + " is sealed under key id " + keyId + ", which is not among " + SecretKeys.VARIABLE + " (ids "
                + keys.ids() + "): add that key after the first"));
        try {
            return new String(key.open(associatedData(kid), Base64.getDecoder().decode(stored.substring(colon + 1))),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("stored signing key " + kid + " does not open under key id " + keyId
                    + ": altered, or copied from another row", e);
        }
    }

    /** Whether a stored value should be sealed again: in clear, or under a key that is not the current one. */
    boolean needsRewrap(String stored) {
        return !stored.startsWith(PREFIX + keys.current().keyId() + ":");
    }

    /** Why keys cannot be sealed here, if they cannot. */
    Optional<String> missing() {
        return keys.missing();
    }

    private static byte[] associatedData(String kid) {
        return ("signing_key:" + kid).getBytes(StandardCharsets.UTF_8);
    }
}
