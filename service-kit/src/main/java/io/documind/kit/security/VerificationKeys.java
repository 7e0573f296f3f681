package io.documind.kit.security;

import com.nimbusds.jose.jwk.RSAKey;
import io.micronaut.core.annotation.Nullable;

/**
 * The issuer's public signing keys by {@code kid}. Split in two so the request path stays non-blocking: a cheap
 * {@link #lookup} answers from memory; only when it says so does the caller run the blocking {@link #fetch} off
 * the event loop.
 */
interface VerificationKeys {

    /** From memory only. */
    KeyLookup lookup(String keyId);

    /**
     * Fetches the key set if the refresh rules allow it (blocking), then looks again.
     *
     * @return the key, or null when the issuer does not publish it
     * @throws KeysUnavailableException when no key set could be obtained at all
     */
    @Nullable
    RSAKey fetch(String keyId) throws KeysUnavailableException;
}
