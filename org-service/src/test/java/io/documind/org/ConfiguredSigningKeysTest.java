package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
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

/** Signing keys given by DOCUMIND_SIGNING_KEYS: those sign and are published, and the API cannot rotate them. */
@MicronautTest(transactional = false)
class ConfiguredSigningKeysTest extends OrgServiceTest {

    private static final String KID = "configured-" + System.nanoTime();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        try {
            p.put("documind.token.signing-keys", new JWKSet(new RSAKeyGenerator(2048).keyID(KID)
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate()).toString(false));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    @Test
    void theConfiguredKeySignsIsPublishedAloneAndIsRotatedOnlyInConfiguration() throws Exception {
        assertEquals(KID, SignedJWT.parse(managementToken()).getHeader().getKeyID());
        JsonNode keys = json(http.toBlocking().retrieve("/oidc/jwks")).path("keys");
        assertEquals(List.of(KID), keys.findValuesAsText("kid"));
        assertEquals(List.of(), keys.findValuesAsText("d"), "no private part is published");

        HttpClientResponseException refused = failure(HttpRequest.POST("/api/signing-keys/rotations", Map.of())
                .bearerAuth(managementToken()));
        assertEquals(409, refused.getStatus().getCode());
        assertEquals("application/problem+json", refused.getResponse().getContentType().orElseThrow().toString());
        assertEquals(List.of(KID), json(http.toBlocking().retrieve("/oidc/jwks")).path("keys").findValuesAsText("kid"));
    }
}
