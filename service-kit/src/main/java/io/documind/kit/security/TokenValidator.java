package io.documind.kit.security;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.documind.contracts.security.TokenClaims;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an access token as DESIGN §4 says, in two steps so key lookup can happen in between:
 * {@link #parse} (form, {@code alg} allow-list, {@code typ}, {@code kid}; no key needed) and {@link #verify}
 * (signature, issuer, times, required claims, audience → {@link TokenKind}). Plain Java, no framework.
 */
public final class TokenValidator {

    /** Larger tokens are refused before any parsing: ours are well under 2 KB. */
    static final int MAX_TOKEN_LENGTH = 8 * 1024;
    /**
     * Longest {@code sub} and organization id: services write them into events whose schemas allow 64 characters.
     * Our issuer never mints longer ones; refusing here keeps every service from writing an event no consumer takes.
     */
    static final int MAX_ID_LENGTH = 64;
    private static final Set<String> ACCEPTED_TYPES = Set.of(TokenClaims.TYPE_HEADER_VALUE, "application/at+jwt");

    private final SecuritySettings settings;
    private final Clock clock;
    private final AuthorityCheck authority;

    /** Without the authority check (tests of the token's form alone). */
    public TokenValidator(SecuritySettings settings, Clock clock) {
        this(settings, clock, (subject, organizationId, version, organizationVersion) -> Optional.empty());
    }

    public TokenValidator(SecuritySettings settings, Clock clock, AuthorityCheck authority) {
        this.settings = settings;
        this.clock = clock;
        this.authority = authority;
    }

    /** A token whose header passed and whose signature is still to be checked with the key {@link #keyId()} names. */
    public record UnverifiedToken(SignedJWT jwt) {
        public String keyId() {
            return jwt.getHeader().getKeyID();
        }
    }

    public UnverifiedToken parse(String raw) throws InvalidTokenException {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("The access token is malformed");
        }
        String[] parts = raw.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("The access token is malformed");
        }
        Header header;
        try {
            header = Header.parse(new Base64URL(parts[0]));
        } catch (ParseException | IllegalArgumentException e) {
            throw new InvalidTokenException("The access token is malformed");
        }
        // The allow-list comes before everything else: alg "none", HS256 (e.g. keyed with our public key) and
        // any other algorithm are refused without looking at a key.
        if (!(header instanceof JWSHeader jws) || !JWSAlgorithm.RS256.equals(jws.getAlgorithm())) {
            throw new InvalidTokenException("The access token's signing algorithm is not accepted");
        }
        JOSEObjectType type = jws.getType();
        if (type == null || !ACCEPTED_TYPES.contains(type.getType().toLowerCase(Locale.ROOT))) {
            throw new InvalidTokenException("The token is not an access token (typ must be at+jwt)");
        }
        if (jws.getKeyID() == null || jws.getKeyID().isBlank()) {
            throw new InvalidTokenException("The access token names no signing key (kid)");
        }
        try {
            return new UnverifiedToken(SignedJWT.parse(raw));
        } catch (ParseException e) {
            throw new InvalidTokenException("The access token is malformed");
        }
    }

    public AccessToken verify(UnverifiedToken token, RSAKey key) throws InvalidTokenException {
        SignedJWT jwt = token.jwt();
        try {
            // RSASSAVerifier also refuses any "crit" header parameter it does not understand (all of them).
            if (!jwt.verify(new RSASSAVerifier(key))) {
                throw new InvalidTokenException("The access token's signature is invalid");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("The access token's signature is invalid");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("The access token's claims are malformed");
        }
        return check(claims);
    }

    private AccessToken check(JWTClaimsSet claims) throws InvalidTokenException {
        if (!settings.issuer().equals(claims.getIssuer())) {
            throw new InvalidTokenException("The access token was not issued by the trusted issuer");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) {
            throw new InvalidTokenException("The access token lacks the claim " + (exp == null ? "exp" : "iat"));
        }
        if (now.minus(settings.clockSkew()).isAfter(exp.toInstant())) {
            throw new InvalidTokenException("The access token has expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(settings.clockSkew()).isBefore(nbf.toInstant())) {
            throw new InvalidTokenException("The access token is not valid yet");
        }
        if (now.plus(settings.clockSkew()).isBefore(iat.toInstant())) {
            throw new InvalidTokenException("The access token was issued in the future");
        }
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
        List<String> audiences = claims.getAudience();
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
        if (settings.apiAudience().equals(audience)) {
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
        // Last: a token issued before its authority shrank (issue 11, authority versions).
        Optional<String> refused = authority.refusal(subject, organizationId,
                version(claims, TokenClaims.AUTHORITY_VERSION), version(claims, TokenClaims.ORGANIZATION_AUTHORITY_VERSION));
        if (refused.isPresent()) {
            throw new InvalidTokenException(refused.get());
        }
        return new AccessToken(subject, clientId, kind, organizationId, scopes(scope), tokenId, exp.toInstant(), email);
    }

    private static String requiredString(JWTClaimsSet claims, String name) throws InvalidTokenException {
        String value = string(claims, name);
        if (value == null || value.isBlank()) {
            throw new InvalidTokenException("The access token lacks the claim " + name);
        }
        return value;
    }

    private static String string(JWTClaimsSet claims, String name) throws InvalidTokenException {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw new InvalidTokenException("The access token's claim " + name + " is not a string");
        }
    }

    private static Long version(JWTClaimsSet claims, String name) throws InvalidTokenException {
        try {
            return claims.getLongClaim(name);
        } catch (ParseException e) {
            throw new InvalidTokenException("The access token's claim " + name + " is not a number");
        }
    }

    private static Set<String> scopes(String scope) {
        Set<String> scopes = new LinkedHashSet<>();
        Arrays.stream(scope.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(scopes::add);
        return Set.copyOf(scopes);
    }
}
