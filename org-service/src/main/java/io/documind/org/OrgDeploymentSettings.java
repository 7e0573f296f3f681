package io.documind.org;

import io.documind.kit.deployment.RequiredSetting;
import io.documind.kit.deployment.RequiredSettings;
import io.documind.org.secret.SecretKeys;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * What org-service needs beyond the common settings before it may start outside the local stack: its signing
 * keys (a private JWK set, or {@code database} to generate them and keep them in the org database, as Logto
 * does), the first Management API client, which must not be the local stack's documented credentials, and the
 * public key emailed codes are sealed with for notification-service, the page the verification link opens, and
 * its own secret keys.
 */
@Singleton
public class OrgDeploymentSettings implements RequiredSettings {

    @Override
    public List<RequiredSetting> settings() {
        return List.of(
                new RequiredSetting("documind.token.signing-keys", "DOCUMIND_SIGNING_KEYS", null),
                // Seal the signing keys kept in the database and key the hashes of emailed codes (SecretKeys).
                new RequiredSetting("documind.org.secret-keys", "DOCUMIND_ORG_SECRET_KEYS", null),
                new RequiredSetting("documind.management.client-id", "DOCUMIND_MANAGEMENT_CLIENT_ID", "documind-local"),
                new RequiredSetting("documind.management.client-secret", "DOCUMIND_MANAGEMENT_CLIENT_SECRET",
                        "documind-local-secret"),
                new RequiredSetting("documind.identity.mail-public-key", "DOCUMIND_IDENTITY_MAIL_PUBLIC_KEY", null),
                // Its built-in default points at localhost: real users would get links that cannot work.
                new RequiredSetting("documind.identity.email-codes.verification-link-template",
                        "DOCUMIND_IDENTITY_EMAIL_CODES_VERIFICATION_LINK_TEMPLATE", null));
    }

    /**
     * The secret keys must hold a key (a value of commas only is set, but holds none) and not the public development
     * key (RequiredSetting compares text; this compares the key).
     */
    @Override
    public List<String> problems(PropertyResolver settings) {
        String keys = settings.getProperty(SecretKeys.PROPERTY, String.class).orElse("");
        if (!keys.isBlank() && SecretKeys.split(keys).isEmpty()) {
            return List.of(SecretKeys.VARIABLE + " (" + SecretKeys.PROPERTY + ") holds no key");
        }
        return SecretKeys.holdsLocalDevelopmentKey(keys)
                ? List.of(SecretKeys.VARIABLE + " (" + SecretKeys.PROPERTY + ") holds the public local development key")
                : List.of();
    }
}
