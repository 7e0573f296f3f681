package io.documind.kit.security;

import io.documind.contracts.security.TokenClaims;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a service checks access tokens ({@code documind.security.*}; see {@link SecurityFactory} for the defaults).
 *
 * @param issuer                 the exact {@code iss} accepted; its discovery document names the JWKS
 * @param apiAudience            the {@code aud} of a user access token
 * @param clockSkew              leeway for {@code exp}, {@code nbf} and {@code iat}
 * @param keyCacheTtl            how long a fetched key set is trusted before it is fetched again
 * @param keyRefreshMinInterval  the least time between two fetches caused by an unknown {@code kid}, so forged
 *                               tokens with random key ids cannot make us hammer the issuer
 * @param keyRetryInterval       the least time between attempts while the issuer cannot be reached
 * @param keyFetchTimeout        connect and read timeout of discovery and JWKS requests
 * @param publicEndpoints        ids of management endpoints that need no token (health, prometheus)
 */
public record SecuritySettings(String issuer,
                               String apiAudience,
                               Duration clockSkew,
                               Duration keyCacheTtl,
                               Duration keyRefreshMinInterval,
                               Duration keyRetryInterval,
                               Duration keyFetchTimeout,
                               Set<String> publicEndpoints) {

    public static final Set<String> DEFAULT_PUBLIC_ENDPOINTS = Set.of("health", "prometheus");

    public SecuritySettings {
        Objects.requireNonNull(issuer, "documind.security.issuer");
        if (issuer.isBlank() || !URI.create(issuer).isAbsolute()) {
            throw new IllegalArgumentException("documind.security.issuer must be an absolute URL, got '" + issuer + "'");
        }
        publicEndpoints = Set.copyOf(publicEndpoints);
    }

    /** The defaults for an issuer: what a service gets when it configures nothing else. */
    public static SecuritySettings forIssuer(String issuer) {
        return new SecuritySettings(issuer, TokenClaims.DEFAULT_API_AUDIENCE, Duration.ofSeconds(30),
                Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(3),
                DEFAULT_PUBLIC_ENDPOINTS);
    }

    /** OpenID Connect Discovery: {@code {issuer}/.well-known/openid-configuration}. */
    public URI discoveryUri() {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return URI.create(base + "/.well-known/openid-configuration");
    }

    public SecuritySettings withKeyRefreshMinInterval(Duration interval) {
        return new SecuritySettings(issuer, apiAudience, clockSkew, keyCacheTtl, interval, keyRetryInterval,
                keyFetchTimeout, publicEndpoints);
    }

    public SecuritySettings withKeyRetryInterval(Duration interval) {
        return new SecuritySettings(issuer, apiAudience, clockSkew, keyCacheTtl, keyRefreshMinInterval, interval,
                keyFetchTimeout, publicEndpoints);
    }
}
