package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Signing keys given by DOCUMIND_SIGNING_KEYS: the set's first key signs, every key is published, and the API cannot
 * rotate them. The second key is the next one, published ahead; its kid sorts first, which must not matter.
 */
@MicronautTest(transactional = false)
class ConfiguredSigningKeysTest extends OrgServiceTest {

    private static final String KID = "configured-" + System.nanoTime();
    private static final String NEXT_KID = "zz-next-" + System.nanoTime();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        try {
            p.put("documind.token.signing-keys", new JWKSet(List.of(key(KID), key(NEXT_KID))).toString(false));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    private static JWK key(String kid) throws Exception {
        return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
    }

    @Test
    void theFirstConfiguredKeySignsAllArePublishedAndTheyAreRotatedOnlyInConfiguration() throws Exception {
        assertEquals(KID, SignedJWT.parse(managementToken()).getHeader().getKeyID(), "the set's first key signs");
        JsonNode keys = json(http.toBlocking().retrieve("/oidc/jwks")).path("keys");
        assertEquals(List.of(KID, NEXT_KID), keys.findValuesAsText("kid").stream().sorted().toList());
        assertEquals(List.of(), keys.findValuesAsText("d"), "no private part is published");

        HttpClientResponseException refused = failure(HttpRequest.POST("/api/signing-keys/rotations", Map.of())
                .bearerAuth(managementToken()));
        assertEquals(409, refused.getStatus().getCode());
        assertEquals("application/problem+json", refused.getResponse().getContentType().orElseThrow().toString());
        assertEquals(2, json(http.toBlocking().retrieve("/oidc/jwks")).path("keys").size());
    }
}
