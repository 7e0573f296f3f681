package io.documind.org;

import io.documind.kit.deployment.RequiredSetting;
import io.documind.org.secret.SecretKeys;
import io.micronaut.core.value.MapPropertyResolver;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outside the local stack org-service needs secret keys of the deployment's own, never the public development one. */
class OrgDeploymentSettingsTest {

    private static final String DEPLOYMENT_KEY = "bXktZGVwbG95bWVudHMtb3duLXNpZ25pbmcta2V5LTM=";

    private static List<String> problems(String secretKeys) {
        return new OrgDeploymentSettings().problems(new MapPropertyResolver(Map.of(SecretKeys.PROPERTY, secretKeys)));
    }

    @Test
    void theSecretKeysAreRequiredAndNeverThePublicDevelopmentKey() {
        assertTrue(new OrgDeploymentSettings().settings().stream().map(RequiredSetting::variable).toList()
                .contains(SecretKeys.VARIABLE), "the guard names the variable when it is not set");
        assertEquals(List.of(), problems(DEPLOYMENT_KEY));
        assertEquals(1, problems(" , ").size(), "set, but no key in it");
        assertEquals(List.of(), problems(DEPLOYMENT_KEY + ", " + SecretKeys.LOCAL_DEVELOPMENT_KEY.substring(1)),
                "not a key at all: the service refuses it itself");
        for (String development : List.of(SecretKeys.LOCAL_DEVELOPMENT_KEY,
                SecretKeys.LOCAL_DEVELOPMENT_KEY.replace("=", ""),
                DEPLOYMENT_KEY + "," + SecretKeys.LOCAL_DEVELOPMENT_KEY)) {
            List<String> refused = problems(development);
            assertEquals(1, refused.size(), development);
            assertTrue(refused.get(0).contains(SecretKeys.VARIABLE) && refused.get(0).contains("development key"),
                    refused.get(0));
        }
    }
}
