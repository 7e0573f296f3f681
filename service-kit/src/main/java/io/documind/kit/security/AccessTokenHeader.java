package io.documind.kit.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import io.documind.contracts.security.TokenClaims;

import java.util.Locale;
import java.util.Set;

/**
 * The header rules of an access token (DESIGN §4, RFC 9068), checked before any key is looked up: RS256 only (so
 * {@code alg: none}, HS256 keyed with our public key and every other algorithm are refused without a key),
 * {@code typ: at+jwt} (an ID token or any other JWT of the issuer is not an access token) and a {@code kid}.
 * micronaut-security's claim validators see only the claims, never the header, so this runs in
 * {@link IssuerSignature}.
 */
final class AccessTokenHeader {

    private static final Set<String> ACCEPTED_TYPES = Set.of(TokenClaims.TYPE_HEADER_VALUE, "application/at+jwt");

    private AccessTokenHeader() {
    }

    static void check(JWSHeader header) {
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
            throw new InvalidTokenException("The access token's signing algorithm is not accepted");
        }
        JOSEObjectType type = header.getType();
        if (type == null || !ACCEPTED_TYPES.contains(type.getType().toLowerCase(Locale.ROOT))) {
            throw new InvalidTokenException("The token is not an access token (typ must be at+jwt)");
        }
        if (header.getKeyID() == null || header.getKeyID().isBlank()) {
            throw new InvalidTokenException("The access token names no signing key (kid)");
        }
    }
}
