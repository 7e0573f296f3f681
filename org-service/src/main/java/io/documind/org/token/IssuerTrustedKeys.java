package io.documind.org.token;

import com.nimbusds.jose.jwk.JWKSet;
import io.documind.kit.security.TrustedKeys;
import jakarta.inject.Singleton;

/** org-service is the issuer: it checks its own tokens against its key ring, with no HTTP call to itself. */
@Singleton
public class IssuerTrustedKeys implements TrustedKeys {

    private final KeyRing keys;

    public IssuerTrustedKeys(KeyRing keys) {
        this.keys = keys;
    }

    @Override
    public JWKSet publicKeys() {
        return keys.publicKeys();
    }
}
