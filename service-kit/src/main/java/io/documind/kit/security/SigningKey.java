package io.documind.kit.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import java.util.HashMap;
import java.util.Map;

/** Which published keys may verify our tokens: RSA, for signatures, for RS256 (or unspecified), at least 2048 bits. */
final class SigningKey {

    static final int MIN_BITS = 2048;

    private SigningKey() {
    }

    static boolean usable(JWK jwk) {
        return jwk instanceof RSAKey rsa
                && rsa.getKeyID() != null
                && (rsa.getKeyUse() == null || KeyUse.SIGNATURE.equals(rsa.getKeyUse()))
                && (rsa.getAlgorithm() == null || JWSAlgorithm.RS256.equals(rsa.getAlgorithm()))
                && rsa.size() >= MIN_BITS;
    }

    /** The usable public keys of a set, by {@code kid}. */
    static Map<String, RSAKey> byKeyId(JWKSet set) {
        Map<String, RSAKey> keys = new HashMap<>();
        for (JWK jwk : set.getKeys()) {
            if (usable(jwk)) {
                keys.put(jwk.getKeyID(), ((RSAKey) jwk).toPublicJWK());
            }
        }
        return Map.copyOf(keys);
    }

    static RSAKey select(JWKSet set, String keyId) {
        JWK jwk = set.getKeyByKeyId(keyId);
        return jwk != null && usable(jwk) ? ((RSAKey) jwk).toPublicJWK() : null;
    }
}
