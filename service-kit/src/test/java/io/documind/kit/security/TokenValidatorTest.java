package io.documind.kit.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.documind.contracts.security.Scopes;
import io.documind.localstack.testing.TestIssuer;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.security.token.jwt.generator.claims.JwtClaimsSetAdapter;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token rules on their own, without a server: what is accepted, what each refusal says. The steps are the ones
 * micronaut-security-jwt runs, in its order: the signature step ({@link IssuerSignature} with the header rules),
 * then the claim validators, then the authentication factory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenValidatorTest {

    private TestIssuer issuer;
    private ExecutorService blocking;
    private IssuerSignature signature;

    @BeforeAll
    void start() {
        issuer = TestIssuer.start();
        blocking = Executors.newSingleThreadExecutor();
        signature = new IssuerSignature(new LocalKeys(issuer::publicKeys), blocking);
    }

    @AfterAll
    void stop() {
        blocking.shutdown();
        issuer.close();
    }

    private AccessToken validate(String raw) {
        return validate(SecuritySettings.forIssuer(issuer.issuer()), Clock.systemUTC(), raw);
    }

    private AccessToken validate(SecuritySettings settings, Clock clock, String raw) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(raw);
        } catch (ParseException e) {
            throw new InvalidTokenException("The access token is malformed");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            // The library refuses an unsigned JWT itself once a signature step exists.
            throw new InvalidTokenException("The access token is malformed or not signed");
        }
        Mono.from(signature.verify(signed)).block();
        try {
            JwtClaimsSetAdapter claims = new JwtClaimsSetAdapter(signed.getJWTClaimsSet());
            for (GenericJwtClaimsValidator<Object> v : List.<GenericJwtClaimsValidator<Object>>of(
                    new IssuerClaimValidator<>(settings), new TimeClaimsValidator<>(settings, clock),
                    new AudienceClaimsValidator<>(settings))) {
                v.validate(claims, null);
            }
        } catch (ParseException e) {
            throw new InvalidTokenException("The access token's claims are malformed");
        }
        return new AccessTokenAuthentication(settings).createAuthentication(signed)
                .flatMap(AccessTokenAuthentication::of).orElseThrow();
    }

    private String refusal(String raw) {
        return assertThrows(InvalidTokenException.class, () -> validate(raw)).getMessage();
    }

    @Test
    void theAudienceSaysTheKind() {
        AccessToken org = validate(issuer.organizationToken("u1", "o1", Scopes.READ_DOCUMENTS, Scopes.CREATE_DOCUMENTS));
        assertEquals(TokenKind.ORGANIZATION, org.kind());
        assertEquals("o1", org.organizationId());
        assertEquals(Set.of(Scopes.READ_DOCUMENTS, Scopes.CREATE_DOCUMENTS), org.scopes());
        assertEquals("u1", org.subject());

        AccessToken user = validate(issuer.userToken("u1"));
        assertEquals(TokenKind.USER, user.kind());
        assertNull(user.organizationId());
        assertEquals(Set.of(), user.scopes());

        AccessToken management = validate(issuer.managementToken("app"));
        assertEquals(TokenKind.MANAGEMENT, management.kind());
        assertEquals(Set.of("all"), management.scopes());
        assertEquals("app", management.clientId());
    }

    @Test
    void aConfiguredApiAudienceReplacesTheDefault() {
        SecuritySettings base = SecuritySettings.forIssuer(issuer.issuer());
        SecuritySettings custom = new SecuritySettings(base.issuer(), "https://api.example.com",
                base.clockSkew(), base.keyCacheTtl(), base.keyRefreshMinInterval(), base.keyRetryInterval(),
                base.keyFetchTimeout(), base.publicEndpoints());
        assertEquals(TokenKind.USER, validate(custom, Clock.systemUTC(),
                issuer.token().audience("https://api.example.com").sign()).kind());
        assertThrows(InvalidTokenException.class, () -> validate(custom, Clock.systemUTC(), issuer.userToken("u")));
    }

    @Test
    void theClockSkewIsThirtySecondsEachWay() {
        Instant exp = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String token = issuer.token().expiresAt(exp).sign();
        SecuritySettings settings = SecuritySettings.forIssuer(issuer.issuer());
        validate(settings, Clock.fixed(exp.plusSeconds(30), ZoneOffset.UTC), token);
        assertEquals("The access token has expired", assertThrows(InvalidTokenException.class,
                () -> validate(settings, Clock.fixed(exp.plusSeconds(31), ZoneOffset.UTC), token)).getMessage());
    }

    @Test
    void eachRefusalSaysWhy() {
        assertEquals("The access token has expired", refusal(issuer.token().expired().sign()));
        assertEquals("The access token is not valid yet", refusal(issuer.token().notYetValid().sign()));
        assertEquals("The access token was not issued by the trusted issuer",
                refusal(issuer.token().issuer("http://evil/oidc").sign()));
        assertEquals("The token is not an access token (typ must be at+jwt)", refusal(issuer.token().type("JWT").sign()));
        assertEquals("The access token is malformed or not signed", refusal(issuer.token().unsigned()));
        assertEquals("The access token's signing algorithm is not accepted",
                refusal(issuer.token().signHs256WithPublicKey()));
        assertEquals("The access token's signature is invalid", refusal(issuer.token().signWithUnpublishedKey()));
        assertEquals("The access token's signature is invalid",
                refusal(issuer.token().tampered(Map.of("sub", "admin"))));
        assertEquals("The access token's signing key is unknown", refusal(issuer.token().keyId("never").sign()));
        assertEquals("The access token lacks the claim jti", refusal(issuer.token().without("jti").sign()));
        assertEquals("The access token lacks the claim client_id", refusal(issuer.token().clientId(" ").sign()));
        assertEquals("The access token lacks the claim scope", refusal(issuer.token().without("scope").sign()));
        assertEquals("The access token lacks the claim exp", refusal(issuer.token().without("exp").sign()));
        assertEquals("The access token names no signing key (kid)", refusal(issuer.token().keyId(null).sign()));
        assertEquals("The access token is not meant for this service",
                refusal(issuer.token().audience("urn:documind:organization:").sign()));
        assertEquals("The access token is malformed", refusal("%%%.%%%.%%%"));
    }

    /** The claims are read from micronaut's view as they are, with nimbus' answers for odd shapes. */
    @Test
    void claimsOfTheWrongShapeAreRefusedAsBefore() {
        // nimbus reads a numeric sub as its text when it parses the claims
        assertEquals("42", validate(issuer.token().claim("sub", 42).sign()).subject());
        assertEquals("The access token's claim client_id is not a string",
                refusal(issuer.token().claim("client_id", 42).sign()));
        assertEquals("The access token's claim scope is not a string",
                refusal(issuer.token().claim("scope", List.of("read:documents")).sign()));
        assertEquals("The access token lacks the claim aud",
                refusal(issuer.token().audience(List.of("urn:documind:api", 7)).sign()));
        assertEquals("The access token is not meant for this service",
                refusal(issuer.token().audience(List.of("urn:documind:api", "urn:documind:management")).sign()));
        assertEquals(TokenKind.USER, validate(issuer.token().audience(List.of("urn:documind:api")).sign()).kind());
        assertEquals("The access token lacks the claim iat", refusal(issuer.token().without("iat").sign()));
        AccessToken verified = validate(issuer.token().claim("email_verified", true).claim("email", "a@x.test").sign());
        assertTrue(verified.emailVerified());
        assertEquals("a@x.test", verified.email());
        assertFalse(validate(issuer.token().claim("email_verified", "true").sign()).emailVerified());
    }

    @Test
    void idsLongerThanTheEventsAllowAreRefused() {
        String longest = "a".repeat(AccessTokenClaims.MAX_ID_LENGTH);
        String tooLong = longest + "a";
        AccessToken atTheLimit = validate(issuer.organizationToken(longest, longest, Scopes.READ_DOCUMENTS));
        assertEquals(longest, atTheLimit.subject());
        assertEquals(longest, atTheLimit.organizationId());

        assertEquals("The access token's sub is longer than 64 characters",
                refusal(issuer.organizationToken(tooLong, "o1", Scopes.READ_DOCUMENTS)));
        assertEquals("The access token's sub is longer than 64 characters", refusal(issuer.userToken(tooLong)));
        assertEquals("The access token's sub is longer than 64 characters", refusal(issuer.managementToken(tooLong)));
        assertEquals("The access token's organization id is longer than 64 characters",
                refusal(issuer.organizationToken("u1", tooLong, Scopes.READ_DOCUMENTS)));
    }

    @Test
    void scopesAreSplitOnAnyWhitespaceAsRfc6749Lists() {
        assertEquals(Set.of("a", "b:c", "d"), AccessTokenClaims.scopes(" a\tb:c \n\u000B\f\r d a "));
        assertEquals(Set.of("one"), AccessTokenClaims.scopes("one"));
        assertEquals(Set.of(), AccessTokenClaims.scopes(""));
        assertEquals(Set.of(), AccessTokenClaims.scopes(" \t "));
    }

    @Test
    void bearerHeadersAreReadAsRfc6750Says() {
        assertEquals("abc", BearerHeaderReader.bearerToken("Bearer abc"));
        assertEquals("abc", BearerHeaderReader.bearerToken("bearer   abc "));
        assertNull(BearerHeaderReader.bearerToken("Basic abc"));
        assertNull(BearerHeaderReader.bearerToken("Bearer"));
        assertNull(BearerHeaderReader.bearerToken("Bearer  "), "an empty bearer is no token at all");
    }

    @Test
    void aTokenLargerThanAnyOfOursIsRefusedUnread() {
        // Netty's default header limit (8 KB) answers 413 first; this holds where a deployment raises that limit.
        MutableHttpRequest<?> request = HttpRequest.GET("/secured/user")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + "a".repeat(BearerHeaderReader.MAX_TOKEN_LENGTH + 1));
        assertTrue(new BearerHeaderReader().findToken(request).isEmpty());
        assertEquals("The access token is malformed", TokenRefusals.recorded(request).orElseThrow().getMessage());
    }

    @Test
    void localTrustedKeysAreUsedInsteadOfDiscovery() {
        TrustedKeys trusted = issuer::publicKeys;
        VerificationKeys keys = new SecurityFactory().verificationKeys(SecuritySettings.forIssuer(issuer.issuer()), trusted);
        int before = issuer.jwksRequests();
        KeyLookup lookup = keys.lookup(issuer.currentKeyId());
        assertEquals(KeyLookup.Found.class, lookup.getClass());
        assertEquals(KeyLookup.Unknown.class, keys.lookup("other").getClass());
        assertEquals(before, issuer.jwksRequests(), "no HTTP round-trip");
    }

    /**
     * The issuer builds its key set anew on every call; a remembered verification counts only with the very key
     * object that made it, so the same key must come back as the same object, and another key as another.
     */
    @Test
    void localKeysAnswerTheSameObjectForTheSameKey() throws JOSEException {
        RSAKey first = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey replaced = new RSAKeyGenerator(2048).keyID("k1").generate();
        AtomicReference<RSAKey> current = new AtomicReference<>(first);
        LocalKeys keys = new LocalKeys(() -> new JWKSet(current.get().toPublicJWK()));

        RSAKey answered = ((KeyLookup.Found) keys.lookup("k1")).key();
        assertSame(answered, ((KeyLookup.Found) keys.lookup("k1")).key(), "a new set, the same key");
        assertSame(answered, keys.fetch("k1"));
        current.set(replaced);
        RSAKey other = ((KeyLookup.Found) keys.lookup("k1")).key();
        assertNotSame(answered, other);
        assertEquals(replaced.toPublicJWK(), other);
        assertEquals(KeyLookup.Unknown.class, keys.lookup("k2").getClass());
    }

    /** A remembered verification skips only the RSA step: expiry is checked again, and only the same key counts. */
    @Test
    void aRememberedTokenIsCheckedAgainExceptItsSignature() throws JOSEException {
        String raw = issuer.token().sign();
        validate(raw);
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC);
        assertThrows(InvalidTokenException.class,
                () -> validate(SecuritySettings.forIssuer(issuer.issuer()), later, raw), "expired, though remembered");

        RSAKey published = SigningKey.select(issuer.publicKeys(), issuer.currentKeyId());
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(issuer.currentKeyId()).generate().toPublicJWK();
        AtomicReference<RSAKey> current = new AtomicReference<>(published);
        VerificationKeys keys = new VerificationKeys() {
            @Override
            public KeyLookup lookup(String keyId) {
                return new KeyLookup.Found(current.get());
            }

            @Override
            public RSAKey fetch(String keyId) {
                return current.get();
            }
        };
        IssuerSignature remembering = new IssuerSignature(keys, blocking);
        assertTrue(Mono.from(remembering.verify(parse(raw))).block());
        current.set(impostor);
        assertThrows(InvalidTokenException.class, () -> Mono.from(remembering.verify(parse(raw))).block(),
                "remembered with another key");
    }

    private static SignedJWT parse(String raw) {
        try {
            return SignedJWT.parse(raw);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }
}
