package io.documind.kit.security;

import io.documind.contracts.security.TokenClaims;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.StringTokenizer;

/**
 * Reads a token's claims as DESIGN §4 defines them: the required ones, the audience that says the
 * {@link TokenKind}, and the ids that must fit the events. Plain Java; {@link AudienceClaimsValidator} refuses with
 * it and {@link AccessTokenAuthentication} builds the controller's {@link AccessToken} with it.
 *
 * <p>Reads micronaut-security's {@link Claims} view (over nimbus' parsed claims) as it is: copying it into a new
 * {@code JWTClaimsSet} for nimbus' typed getters, once per validator, was about half of the claim checks' time in
 * JFR on {@code ./dev bench documents}. The readers below give the answers those getters gave.
 */
final class AccessTokenClaims {

    /**
     * Longest {@code sub} and organization id: services write them into events whose schemas allow 64 characters.
     * Our issuer never mints longer ones; refusing here keeps every service from writing an event no consumer takes.
     */
    static final int MAX_ID_LENGTH = 64;

    private AccessTokenClaims() {
    }

    static AccessToken read(Claims claims, String apiAudience) {
        String subject = requiredString(claims, "sub");
        if (subject.length() > MAX_ID_LENGTH) {
            throw new InvalidTokenException("The access token's sub is longer than " + MAX_ID_LENGTH + " characters");
        }
        String tokenId = requiredString(claims, "jti");
        String clientId = requiredString(claims, TokenClaims.CLIENT_ID);
        String scope = string(claims, TokenClaims.SCOPE);
        if (scope == null) {
            throw new InvalidTokenException("The access token lacks the claim scope");
        }
        List<String> audiences = audience(claims);
        if (audiences.isEmpty()) {
            throw new InvalidTokenException("The access token lacks the claim aud");
        }
        // Our issuer names exactly one audience; a token for several is not one of ours.
        if (audiences.size() != 1) {
            throw new InvalidTokenException("The access token is not meant for this service");
        }
        String audience = audiences.get(0);
        TokenKind kind;
        String organizationId = null;
        if (apiAudience.equals(audience)) {
            kind = TokenKind.USER;
        } else if (TokenClaims.MANAGEMENT_AUDIENCE.equals(audience)) {
            kind = TokenKind.MANAGEMENT;
        } else if ((organizationId = TokenClaims.organizationOf(audience)) != null) {
            kind = TokenKind.ORGANIZATION;
            if (organizationId.length() > MAX_ID_LENGTH) {
                throw new InvalidTokenException(
                        "The access token's organization id is longer than " + MAX_ID_LENGTH + " characters");
            }
            String claimed = string(claims, TokenClaims.ORGANIZATION_ID);
            if (claimed != null && !claimed.equals(organizationId)) {
                throw new InvalidTokenException("The access token names two different organizations");
            }
        } else {
            throw new InvalidTokenException("The access token is not meant for this service");
        }
        // The issuer puts the signed-in user's email in user tokens (invitation acceptance compares it).
        String email = kind == TokenKind.USER ? string(claims, TokenClaims.EMAIL) : null;
        Instant exp = time(claims, "exp");
        if (exp == null) {
            throw new InvalidTokenException("The access token lacks the claim exp");
        }
        boolean emailVerified = kind == TokenKind.USER
                && Boolean.TRUE.equals(claims.get(TokenClaims.EMAIL_VERIFIED));
        return new AccessToken(subject, clientId, kind, organizationId, scopes(scope), tokenId, exp, email,
                emailVerified, version(claims, TokenClaims.AUTHORITY_VERSION),
                version(claims, TokenClaims.ORGANIZATION_AUTHORITY_VERSION));
    }

    /** A whole-number claim (an authority version), or null when absent. */
    @Nullable
    static Long version(Claims claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number && number.doubleValue() == number.longValue()) {
            return number.longValue();
        }
        throw new InvalidTokenException("The access token's claim " + name + " is not a whole number");
    }

    static String requiredString(Claims claims, String name) {
        String value = string(claims, name);
        if (value == null || value.isBlank()) {
            throw new InvalidTokenException("The access token lacks the claim " + name);
        }
        return value;
    }

    @Nullable
    static String string(Claims claims, String name) {
        Object value = claims.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new InvalidTokenException("The access token's claim " + name + " is not a string");
    }

    /** {@code aud} as one string or a list of strings; anything else reads as no audience (as nimbus does). */
    static List<String> audience(Claims claims) {
        Object value = claims.get("aud");
        if (value instanceof String single) {
            return List.of(single);
        }
        if (value instanceof List<?> list) {
            List<String> audiences = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof String audience)) {
                    return List.of();
                }
                audiences.add(audience);
            }
            return audiences;
        }
        return List.of();
    }

    /** A time claim: nimbus keeps {@code exp}, {@code iat} and {@code nbf} as dates; seconds are read as well. */
    @Nullable
    static Instant time(Claims claims, String name) {
        Object value = claims.get(name);
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return null;
    }

    /** The whitespace {@code \s} matches; split without a regular expression, as this runs on every request. */
    private static final String WHITESPACE = " \t\n\u000B\f\r";

    static Set<String> scopes(String scope) {
        StringTokenizer words = new StringTokenizer(scope, WHITESPACE);
        List<String> scopes = new ArrayList<>(words.countTokens());
        while (words.hasMoreTokens()) {
            scopes.add(words.nextToken());
        }
        return Set.copyOf(scopes);
    }
}
