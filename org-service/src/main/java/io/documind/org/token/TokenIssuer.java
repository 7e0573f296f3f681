package io.documind.org.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.documind.contracts.security.TokenClaims;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Signs access tokens: RS256 JWTs with {@code typ: at+jwt} and the claims of DESIGN §4. */
@Singleton
public class TokenIssuer {

    private final KeyRing keys;
    private final SignatureProvider providers;
    private final TokenSettings settings;
    private final String issuer;
    private final Map<String, Signing> signers = new ConcurrentHashMap<>();

    public TokenIssuer(KeyRing keys, SignatureProvider providers, TokenSettings settings,
                       @Value("${documind.security.issuer}") String issuer) {
        this.keys = keys;
        this.providers = providers;
        this.settings = settings;
        this.issuer = issuer;
    }

    public String issuer() {
        return issuer;
    }

    public IssuedToken issue(String subject, String audience, String clientId, Collection<String> scopes,
                             Map<String, Object> extraClaims) {
        return issue(subject, audience, clientId, scopes, extraClaims, settings.getAccessTokenLifetime());
    }

    /** With a lifetime of its own: an API resource's accessTokenTtl. */
    public IssuedToken issue(String subject, String audience, String clientId, Collection<String> scopes,
                             Map<String, Object> extraClaims, Duration lifetime) {
        Instant now = Instant.now();
        Instant expires = now.plus(lifetime);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .claim(TokenClaims.CLIENT_ID, clientId)
                .claim(TokenClaims.SCOPE, String.join(" ", scopes));
        extraClaims.forEach(claims::claim);
        RSAKey key = keys.signingKey();
        Provider provider = providers.current();
        Signing signing = signers.get(key.getKeyID());
        if (signing == null || signing.provider() != provider) { // new key, or the native provider became ready
            signing = signing(key, provider);
            signers.put(key.getKeyID(), signing);
        }
        SignedJWT jwt = new SignedJWT(signing.header(), claims.build());
        try {
            jwt.sign(signing.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return new IssuedToken(jwt.serialize(), lifetime.toSeconds(), String.join(" ", scopes));
    }

    /**
     * A key's signer and header, built once: the header parsed back from its own encoding, so nimbus keeps that
     * encoding and does not write the header's JSON again for every token. A null provider is the JDK's default.
     */
    static Signing signing(RSAKey key, Provider provider) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(new JOSEObjectType(TokenClaims.TYPE_HEADER_VALUE))
                .keyID(key.getKeyID())
                .build();
        try {
            RSASSASigner signer;
            if (provider == null) {
                signer = new RSASSASigner(key);
            } else {
                // The provider's own key object, made once: given the JDK's key, it converts that key again for every
                // new Signature (nimbus makes one per token), which cost as much CPU as the JDK's whole signature.
                signer = new RSASSASigner((PrivateKey) KeyFactory.getInstance("RSA", provider)
                        .translateKey(key.toPrivateKey()));
                signer.getJCAContext().setProvider(provider);
            }
            return new Signing(JWSHeader.parse(header.toBase64URL()), signer, provider);
        } catch (JOSEException | java.text.ParseException | GeneralSecurityException e) {
            throw new IllegalStateException("unusable signing key " + key.getKeyID(), e);
        }
    }

    record Signing(JWSHeader header, RSASSASigner signer, Provider provider) {
    }

    public record IssuedToken(String value, long expiresIn, String scope) {
    }
}
