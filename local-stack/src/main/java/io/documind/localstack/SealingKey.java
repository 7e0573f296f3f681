package io.documind.localstack;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * notification-service's key sealing mail while it waits to be sent (base64 of 32 random bytes). Without one
 * each process makes its own, and mail recorded before a restart could never be opened again; so the local
 * stack keeps one under {@code .local/} and passes it. Deployments set their own, shared by every instance.
 */
public record SealingKey(String value) {

    public static final String VARIABLE = "DOCUMIND_NOTIFICATION_SEALING_KEY";

    private static final String FILE = "sealing-key.properties";

    @Override
    public String toString() {
        return "SealingKey[(hidden)]";
    }

    public static SealingKey generate() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return new SealingKey(Base64.getEncoder().encodeToString(raw));
    }

    /** The key kept in the local stack's data, made on first use. */
    static SealingKey keptIn(LocalData data) {
        Properties p = data.keptSecrets(FILE, "the key sealing waiting mail in this local stack", () -> {
            Properties made = new Properties();
            made.setProperty("key", generate().value());
            return made;
        });
        return new SealingKey(p.getProperty("key"));
    }

    /** The key as an environment variable, for notification-service only. */
    public Map<String, String> environmentFor(String module) {
        return module.equals("notification-service") ? Map.of(VARIABLE, value) : Map.of();
    }
}
