package io.documind.kit.security;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * Optional bean: the issuer's public keys, known locally. org-service (the issuer) provides one so it validates
 * its own tokens without an HTTP round-trip to itself; when it exists, discovery is not used at all.
 *
 * <p>Called on every token whose {@code kid} is looked up, so return an in-memory set (no I/O); include the
 * next key as soon as it is published.
 */
public interface TrustedKeys {

    JWKSet publicKeys();
}
