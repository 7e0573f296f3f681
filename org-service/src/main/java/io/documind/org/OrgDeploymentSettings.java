package io.documind.org;

import io.documind.kit.deployment.RequiredSetting;
import io.documind.kit.deployment.RequiredSettings;
import io.documind.org.token.KeyRing;
import io.documind.org.token.SigningKeyWrapping;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;

import java.util.ArrayList;

import java.util.List;

/**
 * What org-service needs beyond the common settings before it may start outside the local stack: its signing
 * keys (a private JWK set, or {@code database} to generate them and keep them in the org database, as Logto
 * does), the first Management API client, which must not be the local stack's documented credentials, and the
 * public key emailed codes are sealed with for notification-service, and the page the verification link opens;
 * and, when the signing keys are kept in the database, the key they are sealed under there.
 */
@Singleton
public class OrgDeploymentSettings implements RequiredSettings {

    @Override
    public List<RequiredSetting> settings() {
        return List.of(
                new RequiredSetting("documind.token.signing-keys", "DOCUMIND_SIGNING_KEYS", null),
                new RequiredSetting("documind.management.client-id", "DOCUMIND_MANAGEMENT_CLIENT_ID", "documind-local"),
                new RequiredSetting("documind.management.client-secret", "DOCUMIND_MANAGEMENT_CLIENT_SECRET",
                        "documind-local-secret"),
                new RequiredSetting("documind.identity.mail-public-key", "DOCUMIND_IDENTITY_MAIL_PUBLIC_KEY", null),
                // Its built-in default points at localhost: real users would get links that cannot work.
                new RequiredSetting("documind.identity.email-codes.verification-link-template",
                        "DOCUMIND_IDENTITY_EMAIL_CODES_VERIFICATION_LINK_TEMPLATE", null));
    }

    /**
     * Keys kept in the database are stored sealed ({@link SigningKeyWrapping}): outside the local stack the sealing
     * key must be set and must not be the public development key. A JWK set in the environment needs none.
     */
    @Override
    public List<String> problems(PropertyResolver settings) {
        String signingKeys = settings.getProperty("documind.token.signing-keys", String.class).orElse("").strip();
        if (!signingKeys.isEmpty() && !signingKeys.equals(KeyRing.IN_DATABASE)) {
            return List.of();
        }
        String sealing = settings.getProperty(SigningKeyWrapping.PROPERTY, String.class).orElse("");
        List<String> problems = new ArrayList<>();
        if (SigningKeyWrapping.split(sealing).isEmpty()) {
            problems.add(SigningKeyWrapping.VARIABLE + " (" + SigningKeyWrapping.PROPERTY + ") is not set: signing keys"
                    + " kept in the database are stored sealed under it (base64 of 32 random bytes, `openssl rand"
                    + " -base64 32`, the same for every instance)");
        } else if (SigningKeyWrapping.holdsLocalDevelopmentKey(sealing)) {
            problems.add(SigningKeyWrapping.VARIABLE + " (" + SigningKeyWrapping.PROPERTY + ") holds the public local"
                    + " development key");
        }
        return problems;
    }
}
