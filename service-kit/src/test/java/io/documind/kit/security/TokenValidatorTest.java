package io.documind.kit.security;

import com.nimbusds.jose.jwk.RSAKey;
import io.documind.contracts.security.Scopes;
import io.documind.localstack.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The token rules on their own, without a server: what is accepted, what each refusal says. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenValidatorTest {

    private TestIssuer issuer;
    private RSAKey key;
    private TokenValidator validator;

    @BeforeAll
    void start() {
        issuer = TestIssuer.start();
        key = (RSAKey) issuer.publicKeys().getKeyByKeyId(issuer.currentKeyId());
        validator = new TokenValidator(SecuritySettings.forIssuer(issuer.issuer()), Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        issuer.close();
    }

    private AccessToken validate(String raw) throws InvalidTokenException {
        return validate(validator, raw);
    }

    private AccessToken validate(TokenValidator v, String raw) throws InvalidTokenException {
        return v.verify(v.parse(raw), key);
    }

    private String refusal(String raw) {
        return assertThrows(InvalidTokenException.class, () -> validate(raw)).getMessage();
    }

    @Test
    void theAudienceSaysTheKind() throws Exception {
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
    void aConfiguredApiAudienceReplacesTheDefault() throws Exception {
        SecuritySettings base = SecuritySettings.forIssuer(issuer.issuer());
        TokenValidator custom = new TokenValidator(new SecuritySettings(base.issuer(), "https://api.example.com",
                base.clockSkew(), base.keyCacheTtl(), base.keyRefreshMinInterval(), base.keyRetryInterval(),
                base.keyFetchTimeout(), base.publicEndpoints()), Clock.systemUTC());
        assertEquals(TokenKind.USER, validate(custom, issuer.token().audience("https://api.example.com").sign()).kind());
        assertThrows(InvalidTokenException.class, () -> validate(custom, issuer.userToken("u")));
    }

    @Test
    void theClockSkewIsThirtySecondsEachWay() throws Exception {
        Instant exp = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String token = issuer.token().expiresAt(exp).sign();
        TokenValidator justInside = new TokenValidator(SecuritySettings.forIssuer(issuer.issuer()),
                Clock.fixed(exp.plusSeconds(30), ZoneOffset.UTC));
        TokenValidator justOutside = new TokenValidator(SecuritySettings.forIssuer(issuer.issuer()),
                Clock.fixed(exp.plusSeconds(31), ZoneOffset.UTC));
        validate(justInside, token);
        assertEquals("The access token has expired",
                assertThrows(InvalidTokenException.class, () -> validate(justOutside, token)).getMessage());
    }

    @Test
    void eachRefusalSaysWhy() {
        assertEquals("The access token has expired", refusal(issuer.token().expired().sign()));
        assertEquals("The access token is not valid yet", refusal(issuer.token().notYetValid().sign()));
        assertEquals("The access token was not issued by the trusted issuer",
                refusal(issuer.token().issuer("http://evil/oidc").sign()));
        assertEquals("The token is not an access token (typ must be at+jwt)", refusal(issuer.token().type("JWT").sign()));
        assertEquals("The access token's signing algorithm is not accepted", refusal(issuer.token().unsigned()));
        assertEquals("The access token's signing algorithm is not accepted",
                refusal(issuer.token().signHs256WithPublicKey()));
        assertEquals("The access token's signature is invalid", refusal(issuer.token().signWithUnpublishedKey()));
        assertEquals("The access token's signature is invalid",
                refusal(issuer.token().tampered(java.util.Map.of("sub", "admin"))));
        assertEquals("The access token lacks the claim jti", refusal(issuer.token().without("jti").sign()));
        assertEquals("The access token lacks the claim client_id", refusal(issuer.token().clientId(" ").sign()));
        assertEquals("The access token lacks the claim scope", refusal(issuer.token().without("scope").sign()));
        assertEquals("The access token names no signing key (kid)", refusal(issuer.token().keyId(null).sign()));
        assertEquals("The access token is not meant for this service",
                refusal(issuer.token().audience("urn:documind:organization:").sign()));
        assertEquals("The access token is malformed", refusal("x".repeat(TokenValidator.MAX_TOKEN_LENGTH + 1)));
        assertEquals("The access token is malformed", refusal("%%%.%%%.%%%"));
    }

    @Test
    void idsLongerThanTheEventsAllowAreRefused() throws Exception {
        String longest = "a".repeat(TokenValidator.MAX_ID_LENGTH);
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
    void bearerHeadersAreReadAsRfc6750Says() {
        assertEquals("abc", AccessControlFilter.bearerToken("Bearer abc"));
        assertEquals("abc", AccessControlFilter.bearerToken("bearer   abc "));
        assertNull(AccessControlFilter.bearerToken("Basic abc"));
        assertNull(AccessControlFilter.bearerToken("Bearer"));
        assertNull(AccessControlFilter.bearerToken("Bearer  "), "an empty bearer is no token at all");
    }

    @Test
    void localTrustedKeysAreUsedInsteadOfDiscovery() throws Exception {
        TrustedKeys trusted = issuer::publicKeys;
        VerificationKeys keys = new SecurityFactory().verificationKeys(SecuritySettings.forIssuer(issuer.issuer()), trusted);
        int before = issuer.jwksRequests();
        KeyLookup lookup = keys.lookup(issuer.currentKeyId());
        assertEquals(KeyLookup.Found.class, lookup.getClass());
        assertEquals(KeyLookup.Unknown.class, keys.lookup("other").getClass());
        assertEquals(before, issuer.jwksRequests(), "no HTTP round-trip");
    }
}
