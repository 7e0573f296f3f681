package io.documind.org.token;

import io.documind.kit.crypto.SecretBox;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the private signing keys {@link KeyRing} stores in the org database sealed (AES-256-GCM) under a key that
 * lives only in the environment ({@value #VARIABLE}), so that a copy of the database (a backup, a replica, a
 * read-only SQL injection elsewhere) cannot mint tokens for every tenant.
 *
 * <p>The setting is a comma-separated list of keys, each base64 of 32 random bytes: the first seals, all open. To
 * replace a key, deploy {@code old,new} everywhere first (every instance can then open what any other seals), then
 * {@code new,old}: each instance seals the stored keys again under the new one when it starts. Once every instance
 * runs with {@code new} first, drop the old one.
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

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyWrapping.class);

    public static final String PROPERTY = "documind.token.signing-key-encryption-keys";
    public static final String VARIABLE = "DOCUMIND_SIGNING_KEY_ENCRYPTION_KEYS";
    static final String PREFIX = "sealed:v1:";

    /**
     * LOCAL DEVELOPMENT ONLY, public, and refused outside the local stack and tests (OrgDeploymentSettings): what
     * seals stored signing keys when {@value #VARIABLE} is not set there.
     */
    public static final String LOCAL_DEVELOPMENT_KEY = "ZG9jdW1pbmQtbG9jYWwtZGV2LW9ubHktc2lnbmluZyE=";

    private final List<SecretBox> keys;
    private final String missing;

    @Inject
    SigningKeyWrapping(@Nullable @Value("${" + PROPERTY + ":}") String configured, Environment environment) {
        boolean local = environment.getProperty("documind.local-stack", Boolean.class).orElse(false)
                || environment.getActiveNames().contains(Environment.TEST);
        List<String> given = split(configured);
        if (given.isEmpty() && local) {
            LOG.info("{} is not set: on the local stack, signing keys kept in the database are sealed under its "
                    + "public development key", VARIABLE);
            given = List.of(LOCAL_DEVELOPMENT_KEY);
        }
        this.keys = given.stream().map(k -> SecretBox.fromBase64(k, VARIABLE + " (" + PROPERTY + ")")).toList();
        this.missing = keys.isEmpty() ? VARIABLE + " (" + PROPERTY + ") is not set: signing keys kept in the database "
                + "(DOCUMIND_SIGNING_KEYS=database) are stored sealed under it. Set it to base64 of 32 random bytes "
                + "(`openssl rand -base64 32`), the same for every instance" : null;
    }

    private SigningKeyWrapping(List<SecretBox> keys, String missing) {
        this.keys = keys;
        this.missing = missing;
    }

    /** Keys given directly, the first sealing (tests, and tools that read a copy of the database). */
    public static SigningKeyWrapping withKeys(List<String> keys) {
        return new SigningKeyWrapping(keys.stream().map(k -> SecretBox.fromBase64(k, PROPERTY)).toList(),
                keys.isEmpty() ? VARIABLE + " is not set" : null);
    }

    /** The setting's keys, blanks left out. */
    public static List<String> split(@Nullable String setting) {
        if (setting == null) {
            return List.of();
        }
        return Arrays.stream(setting.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    /** The stored form of a private JWK, sealed under the first key. */
    String wrap(String kid, String privateJwk) {
        SecretBox sealing = sealing();
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
        SecretBox key = keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("stored signing key " + kid + " is sealed under key id "
                        + keyId + ", which is not among " + VARIABLE + (keys.isEmpty() ? " (not set)" : " (ids "
                        + keys.stream().map(SecretBox::keyId).toList() + ")") + ": add that key after the first"));
        try {
            return new String(key.open(associatedData(kid), Base64.getDecoder().decode(stored.substring(colon + 1))),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("stored signing key " + kid + " does not open under key id " + keyId
                    + ": altered, or copied from another row", e);
        }
    }

    /** Whether a stored value should be sealed again: in clear, or under a key that is not the first. */
    boolean needsRewrap(String stored) {
        return !stored.startsWith(PREFIX + sealing().keyId() + ":");
    }

    /** Why keys cannot be sealed here, if they cannot. */
    Optional<String> missing() {
        return Optional.ofNullable(missing);
    }

    private SecretBox sealing() {
        if (keys.isEmpty()) {
            throw new IllegalStateException(missing);
        }
        return keys.get(0);
    }

    private static byte[] associatedData(String kid) {
        return ("signing_key:" + kid).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether a setting's value holds the public development key (refused outside the local stack), however it is
     * written: compared by what it decodes to, since base64 decoding forgives missing padding.
     */
    public static boolean holdsLocalDevelopmentKey(@Nullable String setting) {
        String development = SecretBox.fromBase64(LOCAL_DEVELOPMENT_KEY, PROPERTY).keyId();
        for (String key : split(setting)) {
            try {
                if (SecretBox.fromBase64(key, PROPERTY).keyId().equals(development)) {
                    return true;
                }
            } catch (IllegalStateException notAKey) {
                // not a key at all: the service itself refuses it at start, naming the setting
            }
        }
        return false;
    }
}
