package io.documind.kit.security;

import com.nimbusds.jose.jwk.RSAKey;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keys the issuer hands us in-process ({@link TrustedKeys}): nothing to fetch. */
final class LocalKeys implements VerificationKeys {

    /** More key ids than an issuer publishes at once; past it the memory starts again. */
    private static final int MAX_KEYS = 32;

    private final TrustedKeys trusted;
    /**
     * The key object answered last for each {@code kid}. The issuer builds a new set on every call, and
     * {@link IssuerSignature} remembers a verified token only with the very key object that verified it: without
     * handing back the same object for the same key, no remembered verification ever counted here (org-service ran
     * the RSA check on every request). A key whose material changed under the same {@code kid} is a new object.
     */
    private final Map<String, RSAKey> answered = new ConcurrentHashMap<>();

    LocalKeys(TrustedKeys trusted) {
        this.trusted = trusted;
    }

    @Override
    public KeyLookup lookup(String keyId) {
        RSAKey key = fetch(keyId);
        return key != null ? new KeyLookup.Found(key) : new KeyLookup.Unknown();
    }

    @Override
    public RSAKey fetch(String keyId) {
        RSAKey current = SigningKey.select(trusted.publicKeys(), keyId);
        if (current == null) {
            return null;
        }
        RSAKey known = answered.get(keyId);
        if (current.equals(known)) {
            return known;
        }
        if (answered.size() >= MAX_KEYS) {
            answered.clear();
        }
        answered.put(keyId, current);
        return current;
    }
}
