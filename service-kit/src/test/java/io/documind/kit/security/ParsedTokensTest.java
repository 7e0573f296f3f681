package io.documind.kit.security;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWT;
import io.documind.contracts.security.Scopes;
import io.documind.localstack.testing.TestIssuer;
import org.junit.jupiter.api.Test;

import java.text.ParseException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parse memo gives back only what parsing the very same text gives, and stays bounded. No I/O. */
class ParsedTokensTest {

    private final TestIssuer issuer = TestIssuer.shared();

    @Test
    void theSameTextIsParsedOnceAndAnyOtherTextAfresh() throws ParseException {
        ParsedTokens tokens = new ParsedTokens();
        String token = issuer.organizationToken("ann", "org-1", Scopes.READ_DOCUMENTS);
        JWT first = tokens.parse(token).orElseThrow();
        assertSame(first, tokens.parse(token).orElseThrow());
        assertSame(first.getJWTClaimsSet(), tokens.parse(token).orElseThrow().getJWTClaimsSet());
        assertEquals("ann", first.getJWTClaimsSet().getSubject());

        // A copy of the token with other claims (its signature no longer fits) is its own parse, not the memo's.
        String tampered = issuer.token().organization("org-1").subject("ann").scopes(Scopes.READ_DOCUMENTS)
                .tampered(Map.of("sub", "admin"));
        JWT other = tokens.parse(tampered).orElseThrow();
        assertNotSame(first, other);
        assertEquals("admin", other.getJWTClaimsSet().getSubject());
        assertEquals("ann", tokens.parse(token).orElseThrow().getJWTClaimsSet().getSubject());
        assertEquals(2, tokens.remembered());
    }

    @Test
    void whatIsNoSignedTokenWithJsonClaimsIsNoTokenAndNotRemembered() {
        ParsedTokens tokens = new ParsedTokens();
        String signed = issuer.userToken("bea");
        String[] parts = signed.split("\\.");
        String claimsNotJson = parts[0] + "." + Base64URL.encode("not json") + "." + parts[2];
        for (String bad : new String[]{issuer.token().unsigned(), "not-a-token", "a.b.c.d.e", "%%%.%%%.%%%",
                claimsNotJson, ""}) {
            assertTrue(tokens.parse(bad).isEmpty(), bad);
            assertTrue(tokens.parseClaims(bad).isEmpty(), bad);
        }
        assertEquals(0, tokens.remembered());
        assertEquals("bea", tokens.parseClaims(signed).orElseThrow().get("sub"));
    }

    @Test
    void theMemoryIsBounded() {
        ParsedTokens tokens = new ParsedTokens();
        for (int i = 0; i <= ParsedTokens.MAX_REMEMBERED; i++) {
            tokens.parse(issuer.userToken("user-" + i)).orElseThrow();
        }
        assertTrue(tokens.remembered() <= ParsedTokens.MAX_REMEMBERED, "remembered " + tokens.remembered());
    }
}
