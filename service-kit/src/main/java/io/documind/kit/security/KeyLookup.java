package io.documind.kit.security;

import com.nimbusds.jose.jwk.RSAKey;

/** What {@link VerificationKeys#lookup} knows about a {@code kid} without any I/O. */
sealed interface KeyLookup {

    /** The key to verify with. */
    record Found(RSAKey key) implements KeyLookup {
    }

    /** Not a key of the issuer, and fetching the key set again now would not be allowed. */
    record Unknown() implements KeyLookup {
    }

    /** The key set must be fetched (first use, expired, or a new {@code kid}); call {@link VerificationKeys#fetch}. */
    record FetchNeeded() implements KeyLookup {
    }

    /** No key set yet and the issuer failed a moment ago: do not try again before the retry interval. */
    record Unavailable() implements KeyLookup {
    }
}
