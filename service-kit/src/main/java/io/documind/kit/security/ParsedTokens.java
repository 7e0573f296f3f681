package io.documind.kit.security;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.generator.claims.JwtClaimsSetAdapter;
import io.micronaut.security.token.jwt.validator.JsonWebTokenParser;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * micronaut-security-jwt's parsing step, remembering what it parsed. A client presents one token many times, and
 * decoding it (base64 and JSON of the header, then of the claims on first use) was the largest part of a token's
 * checks left after {@link IssuerSignature} stopped verifying a known signature again (JFR on
 * {@code ./dev bench documents}, stop 30). Parsing is a pure function of the compact text, so the same text gets
 * the same parsed token back, claims set included; every check after the parse (header rules, signature, every claim
 * and the authority floor) still runs on every request.
 *
 * <p>Only signed tokens are remembered and returned. The library's parser also decrypts encrypted tokens, which our
 * issuer never mints and nothing here is configured to decrypt, and passes unsigned ones on to be refused: both are
 * refused here at once (no token).
 */
@Singleton
@Replaces(JsonWebTokenParser.class)
class ParsedTokens implements JsonWebTokenParser<JWT> {

    /**
     * Tokens remembered at most (a parsed token with its claims is a few KB); the memory is emptied when full
     * (simple, and the next requests refill it).
     */
    static final int MAX_REMEMBERED = 1024;

    private final Map<String, SignedJWT> parsed = new ConcurrentHashMap<>();

    @Override
    public Optional<JWT> parse(String token) {
        SignedJWT known = parsed.get(token);
        if (known != null) {
            return Optional.of(known);
        }
        SignedJWT fresh = parseSigned(token);
        if (fresh == null) {
            return Optional.empty();
        }
        try {
            fresh.getJWTClaimsSet(); // decoded once here, then kept by the token for every later request
        } catch (ParseException e) {
            return Optional.empty(); // malformed claims: not remembered, refused as the library refuses them
        }
        if (parsed.size() >= MAX_REMEMBERED) {
            parsed.clear();
        }
        parsed.put(token, fresh);
        return Optional.of(fresh);
    }

    @Override
    public Optional<Claims> parseClaims(String token) {
        return parse(token).flatMap(jwt -> {
            try {
                return Optional.of(new JwtClaimsSetAdapter(jwt.getJWTClaimsSet()));
            } catch (ParseException e) {
                return Optional.empty();
            }
        });
    }

    private static SignedJWT parseSigned(String token) {
        try {
            return JWTParser.parse(token) instanceof SignedJWT signed ? signed : null;
        } catch (ParseException e) {
            return null;
        }
    }

    int remembered() {
        return parsed.size();
    }
}
