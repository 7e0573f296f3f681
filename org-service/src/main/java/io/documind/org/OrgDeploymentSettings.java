package io.documind.org;

import io.documind.kit.deployment.RequiredSetting;
import io.documind.kit.deployment.RequiredSettings;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * What org-service needs beyond the common settings before it may start outside the local stack: its signing
 * keys (a private JWK set, or {@code database} to generate them and keep them in the org database, as Logto
 * does) and the first Management API client, which must not be the local stack's documented credentials.
 */
@Singleton
public class OrgDeploymentSettings implements RequiredSettings {

    @Override
    public List<RequiredSetting> settings() {
        return List.of(
                new RequiredSetting("documind.token.signing-keys", "DOCUMIND_SIGNING_KEYS", null),
                new RequiredSetting("documind.management.client-id", "DOCUMIND_MANAGEMENT_CLIENT_ID", "documind-local"),
                new RequiredSetting("documind.management.client-secret", "DOCUMIND_MANAGEMENT_CLIENT_SECRET",
                        "documind-local-secret"));
    }
}
