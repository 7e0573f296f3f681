package io.documind.kit.security;

import com.nimbusds.jose.jwk.RSAKey;
import io.documind.localstack.testing.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Discovery, caching, unknown-kid refresh and its rate limit, outages — against a real HTTP issuer. */
class IssuerKeysTest {

    private TestIssuer issuer;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        issuer = TestIssuer.start();
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    private IssuerKeys keys(SecuritySettings settings) {
        return new IssuerKeys(settings, http, Clock.systemUTC());
    }

    @Test
    void fetchesLazilyThroughDiscoveryAndThenAnswersFromMemory() throws Exception {
        IssuerKeys keys = keys(SecuritySettings.forIssuer(issuer.issuer()));
        String kid = issuer.currentKeyId();
        assertEquals(0, issuer.discoveryRequests());
        assertInstanceOf(KeyLookup.FetchNeeded.class, keys.lookup(kid));

        RSAKey key = keys.fetch(kid);
        assertNotNull(key);
        assertEquals(false, key.isPrivate());
        for (int i = 0; i < 50; i++) {
            assertInstanceOf(KeyLookup.Found.class, keys.lookup(kid));
        }
        assertEquals(1, issuer.discoveryRequests());
        assertEquals(1, issuer.jwksRequests());
    }

    @Test
    void anUnknownKidFetchesAgainAtMostOncePerInterval() throws Exception {
        IssuerKeys keys = keys(SecuritySettings.forIssuer(issuer.issuer()).withKeyRefreshMinInterval(Duration.ofHours(1)));
        keys.fetch(issuer.currentKeyId());
        // Random kids (forged tokens) right after a fetch: no request leaves.
        for (int i = 0; i < 20; i++) {
            assertInstanceOf(KeyLookup.Unknown.class, keys.lookup("random-" + i));
        }
        assertEquals(1, issuer.jwksRequests());
    }

    @Test
    void aRotatedKeyIsFoundByFetchingAgain() throws Exception {
        IssuerKeys keys = keys(SecuritySettings.forIssuer(issuer.issuer()).withKeyRefreshMinInterval(Duration.ZERO));
        String old = issuer.currentKeyId();
        keys.fetch(old);
        String next = issuer.rotateKey();

        assertInstanceOf(KeyLookup.FetchNeeded.class, keys.lookup(next));
        assertNotNull(keys.fetch(next));
        assertInstanceOf(KeyLookup.Found.class, keys.lookup(old), "the old key stays while it is published");
        assertInstanceOf(KeyLookup.Found.class, keys.lookup(next));
        assertEquals(1, issuer.discoveryRequests(), "discovery is not repeated");
        assertEquals(2, issuer.jwksRequests());
        assertNull(keys.fetch("never-published"));
    }

    @Test
    void anIssuerThatIsDownMakesKeysUnavailableThenRetriesAfterTheInterval() throws Exception {
        IssuerKeys keys = keys(SecuritySettings.forIssuer(issuer.issuer()).withKeyRetryInterval(Duration.ofHours(1)));
        issuer.suspend();
        assertThrows(KeysUnavailableException.class, () -> keys.fetch(issuer.currentKeyId()));
        // Within the retry interval nobody waits on a dead issuer again.
        assertInstanceOf(KeyLookup.Unavailable.class, keys.lookup(issuer.currentKeyId()));

        IssuerKeys retrying = keys(SecuritySettings.forIssuer(issuer.issuer()).withKeyRetryInterval(Duration.ZERO));
        assertThrows(KeysUnavailableException.class, () -> retrying.fetch(issuer.currentKeyId()));
        issuer.resume();
        assertInstanceOf(KeyLookup.FetchNeeded.class, retrying.lookup(issuer.currentKeyId()));
        assertNotNull(retrying.fetch(issuer.currentKeyId()));
    }

    @Test
    void expiredKeysAreKeptWhileTheIssuerIsDown() throws Exception {
        SecuritySettings base = SecuritySettings.forIssuer(issuer.issuer());
        SecuritySettings instantlyStale = new SecuritySettings(base.issuer(), base.apiAudience(), base.clockSkew(),
                Duration.ZERO, Duration.ZERO, Duration.ZERO, base.keyFetchTimeout(), base.publicEndpoints());
        IssuerKeys keys = keys(instantlyStale);
        String kid = issuer.currentKeyId();
        assertNotNull(keys.fetch(kid));
        issuer.suspend();
        // Requests go on with the stale keys at once while a refresh runs (and fails) in the background.
        assertInstanceOf(KeyLookup.Found.class, keys.lookup(kid), "stale keys serve while they are fetched again");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(keys::lastFetchFailed);
        assertInstanceOf(KeyLookup.Found.class, keys.lookup(kid), "a failed refresh keeps the last good keys");
        assertNotNull(keys.fetch(kid));
    }

    /**
     * Expired keys are fetched again in the background, once however many requests find them expired, and the
     * requests are answered from the keys in hand meanwhile: none waits for the issuer.
     */
    @Test
    void expiredKeysAreRefreshedInTheBackgroundOnce() throws Exception {
        SecuritySettings base = SecuritySettings.forIssuer(issuer.issuer());
        SecuritySettings hourly = new SecuritySettings(base.issuer(), base.apiAudience(), base.clockSkew(),
                Duration.ofHours(1), Duration.ofHours(1), Duration.ZERO, base.keyFetchTimeout(), base.publicEndpoints());
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        IssuerKeys keys = new IssuerKeys(hourly, http, new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        });
        String kid = issuer.currentKeyId();
        assertNotNull(keys.fetch(kid));
        int before = issuer.jwksRequests();
        now.set(now.get().plus(Duration.ofHours(2)));
        for (int i = 0; i < 50; i++) {
            assertInstanceOf(KeyLookup.Found.class, keys.lookup(kid));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> issuer.jwksRequests() > before);
        for (int i = 0; i < 50; i++) {
            assertInstanceOf(KeyLookup.Found.class, keys.lookup(kid), "fresh again: no more fetching");
        }
        assertEquals(before + 1, issuer.jwksRequests());
    }

    @Test
    void aDiscoveryDocumentForAnotherIssuerIsNotTrusted() {
        // Same server, but we expect another issuer name: OIDC Discovery §4.3 says refuse.
        IssuerKeys keys = keys(new SecuritySettings(issuer.issuer() + "/", "urn:documind:api", Duration.ofSeconds(30),
                Duration.ofMinutes(10), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(3),
                SecuritySettings.DEFAULT_PUBLIC_ENDPOINTS));
        assertThrows(KeysUnavailableException.class, () -> keys.fetch(issuer.currentKeyId()));
    }
}
