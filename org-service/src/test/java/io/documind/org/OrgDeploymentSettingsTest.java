package io.documind.org;

import io.documind.org.token.SigningKeyWrapping;
import io.micronaut.core.value.MapPropertyResolver;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outside the local stack, keys kept in the database need a sealing key of the deployment's own. */
class OrgDeploymentSettingsTest {

    private static final String DEPLOYMENT_KEY = "bXktZGVwbG95bWVudHMtb3duLXNpZ25pbmcta2V5LTM=";

    private static List<String> problems(String signingKeys, String encryptionKeys) {
        Map<String, Object> settings = new HashMap<>();
        if (signingKeys != null) {
            settings.put("documind.token.signing-keys", signingKeys);
        }
        if (encryptionKeys != null) {
            settings.put(SigningKeyWrapping.PROPERTY, encryptionKeys);
        }
        return new OrgDeploymentSettings().problems(new MapPropertyResolver(settings));
    }

    @Test
    void keysKeptInTheDatabaseNeedASealingKeyThatIsNotThePublicDevelopmentOne() {
        assertEquals(List.of(), problems("database", DEPLOYMENT_KEY));
        assertEquals(1, problems("database", DEPLOYMENT_KEY + "," + SigningKeyWrapping.LOCAL_DEVELOPMENT_KEY).size(),
                "not even as a key that only opens");
        for (String unset : new String[] {null, "", " , "}) {
            List<String> missing = problems("database", unset);
            assertEquals(1, missing.size(), String.valueOf(missing));
            assertTrue(missing.get(0).contains(SigningKeyWrapping.VARIABLE) && missing.get(0).contains("not set"),
                    missing.get(0));
        }
        List<String> development = problems(" database ", SigningKeyWrapping.LOCAL_DEVELOPMENT_KEY);
        assertEquals(1, development.size(), String.valueOf(development));
        assertTrue(development.get(0).contains("development"), development.get(0));
        assertEquals(1, problems("database", SigningKeyWrapping.LOCAL_DEVELOPMENT_KEY.replace("=", "")).size(),
                "the development key without its padding decodes to the same key");
        assertEquals(1, problems(null, null).size(), "no signing keys at all: the guard names this variable too");
    }

    @Test
    void keysGivenAsAJwkSetNeedNoSealingKey() {
        assertEquals(List.of(), problems("{\"keys\":[]}", null));
    }
}
