package io.documind.org;

import io.documind.kit.deployment.RequiredSetting;
import io.documind.kit.deployment.RequiredSettings;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * What org-service needs beyond the common settings before it may start outside the local stack: its signing
 * keys (a private JWK set, or {@code database} to generate them and keep them in the org database, as Logto
 * does), the first Management API client, which must not be the local stack's documented credentials, and the
 * public key emailed codes are sealed with for notification-service, and the page the verification link opens.
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
}
