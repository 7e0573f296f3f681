package io.documind.org.emailcode;

import io.documind.kit.crypto.SecretBox;
import io.documind.org.secret.SecretKeys;
import io.documind.org.token.Secrets;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How an emailed code rests in the database: HMAC-SHA256 under org-service's {@link SecretKeys}, not a plain hash. A
 * 6-digit code has a million values, so a plain hash in a copy of the database gives the live code (and with a
 * password reset, the account) to whoever reads it; without the key there is nothing to try codes against.
 *
 * <p>Stored form: {@value #PREFIX}{@code <key id>:<hex>}. A plain SHA-256 (a code from before this form, alive at
 * most its lifetime after an upgrade) is still checked as it was.
 */
@Singleton
public class CodeDigest {

    static final String PREFIX = "hmac:v1:";
    private static final String PURPOSE = "emailed code";

    private final SecretKeys keys;

    public CodeDigest(SecretKeys keys) {
        this.keys = keys;
    }

    /** The stored form of a code's material (the code bound to its user and purpose). */
    public String digest(String material) {
        return storedForm(keys.current(), material);
    }

    /** Constant-time check of presented material against a stored form; false under a key that is not ours. */
    public boolean matches(String material, String stored) {
        if (material == null || stored == null) {
            return false;
        }
        if (!stored.startsWith(PREFIX)) {
            return Secrets.matches(material, stored);
        }
        int colon = stored.indexOf(':', PREFIX.length());
        Optional<SecretBox> key = colon < 0 ? Optional.empty() : keys.withId(stored.substring(PREFIX.length(), colon));
        if (key.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(bytes(storedForm(key.get(), material)), bytes(stored));
    }

    private static String storedForm(SecretBox key, String material) {
        return PREFIX + key.keyId() + ":" + HexFormat.of().formatHex(key.mac(PURPOSE, bytes(material)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
