package io.documind.kit.security;

import io.documind.contracts.security.TokenClaims;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Wires token validation from {@code documind.security.*}; every default is a safe production value. */
@Factory
class SecurityFactory {

    /** The local stack's org-service (DESIGN §7). */
    static final String LOCAL_ISSUER = "http://localhost:8081/oidc";

    /** Created at startup so a bad setting fails the start, not the first request. */
    @Context
    SecuritySettings settings(
            @Value("${documind.security.issuer:}") String issuer,
            // DOCUMIND_ISSUER, the documented environment variable, arrives as documind.issuer.
            @Value("${documind.issuer:}") String issuerFromEnvironment,
            @Value("${documind.security.api-audience:}") String apiAudience,
            @Value("${documind.security.clock-skew:30s}") Duration clockSkew,
            @Value("${documind.security.key-cache-ttl:10m}") Duration keyCacheTtl,
            @Value("${documind.security.key-refresh-min-interval:10s}") Duration keyRefreshMinInterval,
            @Value("${documind.security.key-retry-interval:1s}") Duration keyRetryInterval,
            @Value("${documind.security.key-fetch-timeout:3s}") Duration keyFetchTimeout,
            @Value("${documind.security.public-endpoints:health,prometheus}") List<String> publicEndpoints) {
        String trustedIssuer = firstSet(issuer, issuerFromEnvironment, LOCAL_ISSUER);
        return new SecuritySettings(trustedIssuer, firstSet(apiAudience, TokenClaims.DEFAULT_API_AUDIENCE), clockSkew,
                keyCacheTtl, keyRefreshMinInterval, keyRetryInterval, keyFetchTimeout, Set.copyOf(publicEndpoints));
    }

    /** Local keys when the service is the issuer itself (org-service), else discovery over HTTP, lazily. */
    @Singleton
    VerificationKeys verificationKeys(SecuritySettings settings, @Nullable TrustedKeys trusted) {
        if (trusted != null) {
            return new LocalKeys(trusted);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.keyFetchTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new IssuerKeys(settings, http, Clock.systemUTC());
    }

    /** Defaults in code: a placeholder default containing ':' (URLs, URNs) is not parsed the way it reads. */
    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        throw new IllegalStateException("no value");
    }
}
