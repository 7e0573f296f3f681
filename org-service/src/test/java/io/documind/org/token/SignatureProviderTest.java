package io.documind.org.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.util.Locale;

/** Unit: tokens signed by the native provider are the JDK's tokens, byte for byte. */
class SignatureProviderTest {

    private static final RSAKey KEY = key();

    /** The project's machines and its Docker image are Linux x86-64: there the native provider must load. */
    @Test
    void theNativeProviderLoadsWhereItsLibraryExistsAndOnlyThere() {
        SignatureProvider providers = new SignatureProvider(new TokenSettings());
        assertNull(providers.current(), "the JDK signs until the native provider has loaded");
        providers.load();
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            assertNotNull(providers.current(), "native signing should load on Linux x86-64");
            assertEquals("AmazonCorrettoCryptoProvider", providers.current().getName());
        } else {
            assertNull(providers.current());
        }
    }

    /** RS256 is deterministic, so the two providers must agree exactly; the JDK verifies what the native one signs. */
    @Test
    void bothProvidersMakeTheSameSignatureAndTheJdkVerifiesIt() throws Exception {
        SignatureProvider providers = new SignatureProvider(new TokenSettings());
        providers.load();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("user-1").claim("organization_id", "org-1")
                .claim("scope", "read:documents").build();

        String byJdk = sign(KEY, null, claims);
        String byCurrent = sign(KEY, providers.current(), claims);

        assertEquals(byJdk, byCurrent);
        if (providers.current() != null) { // its own key object: given the JDK's, it would convert it for every token
            assertEquals(providers.current().getClass().getPackageName(), TokenIssuer.signing(KEY, providers.current())
                    .signer().getPrivateKey().getClass().getPackageName());
        }
        SignedJWT parsed = SignedJWT.parse(byCurrent);
        RSASSAVerifier jdk = new RSASSAVerifier(KEY.toRSAPublicKey());
        assertTrue(parsed.verify(jdk));
        SignedJWT tampered = new SignedJWT(parsed.getHeader().toBase64URL(),
                new JWTClaimsSet.Builder(claims).subject("user-2").build().toPayload().toBase64URL(),
                parsed.getSignature());
        assertFalse(tampered.verify(jdk));
    }

    /** A configured JWK may carry only n and d (no CRT parameters): the native provider must still sign it alike. */
    @Test
    void aKeyWithoutCrtParametersSignsAlike() throws Exception {
        SignatureProvider providers = new SignatureProvider(new TokenSettings());
        providers.load();
        RSAKey plain = new RSAKey.Builder(KEY.toRSAPublicKey()).privateExponent(KEY.getPrivateExponent())
                .keyID("plain").build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("user-1").build();

        String byCurrent = sign(plain, providers.current(), claims);

        assertEquals(sign(plain, null, claims), byCurrent);
        assertTrue(SignedJWT.parse(byCurrent).verify(new RSASSAVerifier(KEY.toRSAPublicKey())));
    }

    @Test
    void turnedOffTheJdkKeepsSigning() {
        TokenSettings settings = new TokenSettings();
        settings.setNativeSigning(false);
        SignatureProvider providers = new SignatureProvider(settings);
        providers.onApplicationEvent(null);
        assertNull(providers.current());
    }

    private static String sign(RSAKey key, java.security.Provider provider, JWTClaimsSet claims)
            throws JOSEException {
        TokenIssuer.Signing signing = TokenIssuer.signing(key, provider);
        SignedJWT jwt = new SignedJWT(signing.header(), claims);
        jwt.sign(signing.signer());
        return jwt.serialize();
    }

    private static RSAKey key() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
