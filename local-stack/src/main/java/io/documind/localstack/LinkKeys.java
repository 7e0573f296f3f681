package io.documind.localstack;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * The invitation-link key pair (X25519, the service kit's SealedBox format): invitation-service seals the link
 * (and org-service the emailed codes) with the public key, notification-service alone opens them with the private key. Deployments make their own;
 * the local stack keeps one under {@code .local/} (links sealed before a restart still open), and tests make
 * one per run.
 *
 * @param publicKey  base64 of the X.509 encoding, for invitation-service
 * @param privateKey base64 of the PKCS#8 encoding, for notification-service only
 */
public record LinkKeys(String publicKey, String privateKey) {

    public static final String PUBLIC_VARIABLE = "DOCUMIND_INVITATION_LINK_PUBLIC_KEY";
    public static final String PRIVATE_VARIABLE = "DOCUMIND_NOTIFICATION_LINK_PRIVATE_KEY";
    public static final String PUBLIC_PROPERTY = "documind.invitation.link-public-key";
    public static final String ORG_PUBLIC_VARIABLE = "DOCUMIND_IDENTITY_MAIL_PUBLIC_KEY";
    public static final String ORG_PUBLIC_PROPERTY = "documind.identity.mail-public-key";
    public static final String PRIVATE_PROPERTY = "documind.notification.link-private-key";

    private static final String FILE = "link-keys.properties";
    private static final LinkKeys FOR_THIS_RUN = generate();

    @Override
    public String toString() {
        return "LinkKeys[publicKey=" + publicKey + ", privateKey=(hidden)]";
    }

    public static LinkKeys generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            Base64.Encoder b64 = Base64.getEncoder();
            return new LinkKeys(b64.encodeToString(pair.getPublic().getEncoded()),
                    b64.encodeToString(pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks X25519", e);
        }
    }

    /** One pair for every service a test run starts. */
    public static LinkKeys forThisRun() {
        return FOR_THIS_RUN;
    }

    /** The pair kept in the local stack's data, made on first use. */
    static LinkKeys keptIn(LocalData data) {
        Properties p = data.keptSecrets(FILE, "the invitation-link key pair of this local stack", () -> {
            LinkKeys keys = generate();
            Properties made = new Properties();
            made.setProperty("public", keys.publicKey());
            made.setProperty("private", keys.privateKey());
            return made;
        });
        return new LinkKeys(p.getProperty("public"), p.getProperty("private"));
    }

    /** What the service needs of the pair, as environment variables: the public key or the private one, or none. */
    public Map<String, String> environmentFor(String module) {
        return switch (module) {
            case "invitation-service" -> Map.of(PUBLIC_VARIABLE, publicKey);
            case "org-service" -> Map.of(ORG_PUBLIC_VARIABLE, publicKey);
            case "notification-service" -> Map.of(PRIVATE_VARIABLE, privateKey);
            default -> Map.of();
        };
    }

    /** Both halves as configuration properties, for services under test in one JVM. */
    public Map<String, String> properties() {
        return Map.of(PUBLIC_PROPERTY, publicKey, ORG_PUBLIC_PROPERTY, publicKey, PRIVATE_PROPERTY, privateKey);
    }
}
