package io.documind.org.secret;

import io.documind.kit.crypto.SecretBox;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * org-service's own secret keys ({@value #VARIABLE}), which live only in the environment, so that a copy of the
 * org database alone gives no power: the signing keys kept there are sealed under them
 * ({@link io.documind.org.token.SigningKeyWrapping}), and emailed codes rest as keyed hashes
 * ({@link io.documind.org.emailcode.CodeDigest}), which a reader cannot try a million codes against.
 *
 * <p>A comma-separated list of keys, each base64 of 32 random bytes: the first seals and hashes, all open and
 * check. To replace a key, deploy {@code old,new} everywhere first (every instance can then read what any other
 * writes), then {@code new,old}, and drop {@code old} once nothing under it is left (README, Operations).
 */
@Singleton
public class SecretKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SecretKeys.class);

    public static final String PROPERTY = "documind.org.secret-keys";
    public static final String VARIABLE = "DOCUMIND_ORG_SECRET_KEYS";

    /**
     * LOCAL DEVELOPMENT ONLY, public, and refused outside the local stack and tests (OrgDeploymentSettings): the key
     * used there when {@value #VARIABLE} is not set.
     */
    public static final String LOCAL_DEVELOPMENT_KEY = "ZG9jdW1pbmQtbG9jYWwtZGV2LW9ubHktc2lnbmluZyE=";

    private final List<SecretBox> keys;

    @Inject
    SecretKeys(@Nullable @Value("${" + PROPERTY + ":}") String configured, Environment environment) {
        List<String> given = split(configured);
        boolean local = environment.getProperty("documind.local-stack", Boolean.class).orElse(false)
                || environment.getActiveNames().contains(Environment.TEST);
        if (given.isEmpty() && local) {
            LOG.info("{} is not set: using the local stack's public development key", VARIABLE);
            given = List.of(LOCAL_DEVELOPMENT_KEY);
        }
        this.keys = boxes(given);
    }

    private SecretKeys(List<SecretBox> keys) {
        this.keys = keys;
    }

    /** Keys given directly, the first in use (tests, and tools that read a copy of the database). */
    public static SecretKeys of(List<String> keys) {
        return new SecretKeys(boxes(keys));
    }

    private static List<SecretBox> boxes(List<String> keys) {
        return keys.stream().map(k -> SecretBox.fromBase64(k, VARIABLE + " (" + PROPERTY + ")")).toList();
    }

    /** The key that seals and hashes now. */
    public SecretBox current() {
        if (keys.isEmpty()) {
            throw new IllegalStateException(missing().orElseThrow());
        }
        return keys.get(0);
    }

    /** The key of this id, if it is one of ours. */
    public Optional<SecretBox> withId(String keyId) {
        return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }

    /** The ids of our keys, for messages. */
    public List<String> ids() {
        return keys.stream().map(SecretBox::keyId).toList();
    }

    /** Why nothing can be sealed or hashed here, if it cannot. */
    public Optional<String> missing() {
        return keys.isEmpty() ? Optional.of(VARIABLE + " (" + PROPERTY + ") is not set: base64 of 32 random bytes "
                + "(`openssl rand -base64 32`), the same for every instance") : Optional.empty();
    }

    /** The setting's keys, blanks left out. */
    public static List<String> split(@Nullable String setting) {
        if (setting == null) {
            return List.of();
        }
        return Arrays.stream(setting.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
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
                // not a key at all: the service refuses it at start, naming the setting
            }
        }
        return false;
    }
}
