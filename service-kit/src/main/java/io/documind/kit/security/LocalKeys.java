package io.documind.kit.security;

import com.nimbusds.jose.jwk.RSAKey;

/** Keys the issuer hands us in-process ({@link TrustedKeys}): nothing to fetch, nothing to cache. */
final class LocalKeys implements VerificationKeys {

    private final TrustedKeys trusted;

    LocalKeys(TrustedKeys trusted) {
        this.trusted = trusted;
    }

    @Override
    public KeyLookup lookup(String keyId) {
        RSAKey key = SigningKey.select(trusted.publicKeys(), keyId);
        return key != null ? new KeyLookup.Found(key) : new KeyLookup.Unknown();
    }

    @Override
    public RSAKey fetch(String keyId) {
        return SigningKey.select(trusted.publicKeys(), keyId);
    }
}
