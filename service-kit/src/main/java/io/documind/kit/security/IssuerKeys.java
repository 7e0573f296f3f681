package io.documind.kit.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The issuer's keys found through OpenID Connect Discovery ({@code {issuer}/.well-known/openid-configuration} →
 * {@code jwks_uri}), fetched lazily on the first token (a service starts and is ready while the issuer is down),
 * cached for {@code key-cache-ttl}, and fetched again early when a token names an unknown {@code kid} (key
 * rotation) — at most once per {@code key-refresh-min-interval}, so random {@code kid}s cannot flood the issuer.
 * When the issuer is unreachable the last good set keeps working.
 *
 * <p>Own code rather than nimbus' JWKSourceBuilder because the request path needs to know, without blocking,
 * whether a fetch is due ({@link #lookup}) so that only those requests leave the event loop.
 *
 * <p>Keys past {@code key-cache-ttl} are refreshed in the background while requests go on with them (one refresh
 * at a time): every request waiting for that fetch instead, up to {@code key-fetch-timeout} each time the cache
 * expired while the issuer was slow, froze every request thread of the service. Only a token naming a key not in
 * the set (a rotation, or the first token) waits for a fetch, and fetches are one at a time under a lock, not a
 * monitor (a virtual thread blocked on a monitor pins its carrier on JDK 21).
 */
final class IssuerKeys implements VerificationKeys {

    private static final Logger LOG = LoggerFactory.getLogger(IssuerKeys.class);
    /** A key set or discovery document larger than this is not ours. */
    private static final int MAX_DOCUMENT_BYTES = 512 * 1024;

    private final SecuritySettings settings;
    private final HttpClient http;
    private final Clock clock;

    private volatile Snapshot snapshot;
    /** One fetch at a time. */
    private final ReentrantLock fetching = new ReentrantLock();
    /** A background refresh of expired keys is under way. */
    private final AtomicBoolean refreshing = new AtomicBoolean();
    /** Guarded by {@link #fetching}. */
    private URI jwksUri;
    private volatile Instant lastAttempt = Instant.EPOCH;
    private volatile boolean lastAttemptFailed;

    private record Snapshot(Map<String, RSAKey> keys, Instant fetchedAt) {
    }

    IssuerKeys(SecuritySettings settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public KeyLookup lookup(String keyId) {
        Instant now = clock.instant();
        Snapshot current = snapshot;
        if (current == null) {
            return mayRetry(now) ? new KeyLookup.FetchNeeded() : new KeyLookup.Unavailable();
        }
        RSAKey key = current.keys().get(keyId);
        if (isFresh(current, now)) {
            if (key != null) {
                return new KeyLookup.Found(key);
            }
            return mayRefreshEarly(now) ? new KeyLookup.FetchNeeded() : new KeyLookup.Unknown();
        }
        // Expired: fetch again, but while the issuer is failing keep using what we have.
        if (key != null) {
            if (mayRetry(now)) {
                refreshInBackground();
            }
            return new KeyLookup.Found(key);
        }
        return mayRetry(now) ? new KeyLookup.FetchNeeded() : new KeyLookup.Unknown();
    }

    /** Fetches the keys again on a thread of its own, unless a refresh is already under way. */
    private void refreshInBackground() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("issuer-keys-refresh").start(() -> {
            try {
                fetching.lock();
                try {
                    if (!isFresh(snapshot, clock.instant())) {
                        refresh(null);
                    }
                } finally {
                    fetching.unlock();
                }
            } catch (RuntimeException e) { // KeysUnavailableException too
                LOG.debug("Background refresh of the signing keys failed", e); // refresh() logged it
            } finally {
                refreshing.set(false);
            }
        });
    }

    @Override
    public RSAKey fetch(String keyId) throws KeysUnavailableException {
        fetching.lock();
        try {
            return fetchHolding(keyId);
        } finally {
            fetching.unlock();
        }
    }

    private RSAKey fetchHolding(String keyId) throws KeysUnavailableException {
        // Another request may have fetched while this one waited for the lock: look again before going out.
        KeyLookup again = lookup(keyId);
        switch (again) {
            case KeyLookup.Found found -> {
                return found.key();
            }
            case KeyLookup.Unknown ignored -> {
                return null;
            }
            case KeyLookup.Unavailable ignored -> throw new KeysUnavailableException(
                    "the issuer's keys could not be fetched a moment ago", null);
            case KeyLookup.FetchNeeded ignored -> {
                // go on
            }
        }
        return refresh(keyId);
    }

    /** Downloads the keys (the caller holds {@link #fetching}); returns {@code keyId}'s, null for none or no id. */
    private RSAKey refresh(String keyId) throws KeysUnavailableException {
        Instant now = clock.instant();
        lastAttempt = now;
        try {
            Map<String, RSAKey> keys = download();
            snapshot = new Snapshot(keys, now);
            if (lastAttemptFailed) {
                LOG.info("Fetched the signing keys of {} again ({} keys)", settings.issuer(), keys.size());
            }
            lastAttemptFailed = false;
        } catch (IOException | ParseException | RuntimeException e) {
            lastAttemptFailed = true;
            jwksUri = null; // the issuer may have moved its JWKS: discover again next time
            Snapshot stale = snapshot;
            if (stale == null) {
                LOG.warn("Cannot fetch the signing keys of {}: {}", settings.issuer(), e.toString());
                throw new KeysUnavailableException("the issuer's keys cannot be fetched", e);
            }
            LOG.warn("Cannot refresh the signing keys of {}, keeping the {} known ones: {}", settings.issuer(),
                    stale.keys().size(), e.toString());
            return keyId == null ? null : stale.keys().get(keyId);
        }
        return keyId == null ? null : snapshot.keys().get(keyId);
    }

    /** Whether the last fetch failed (tests; the log says so too). */
    boolean lastFetchFailed() {
        return lastAttemptFailed;
    }

    private boolean isFresh(Snapshot s, Instant now) {
        return s.fetchedAt().plus(settings.keyCacheTtl()).isAfter(now);
    }

    private boolean mayRefreshEarly(Instant now) {
        return !lastAttempt.plus(settings.keyRefreshMinInterval()).isAfter(now);
    }

    private boolean mayRetry(Instant now) {
        return !lastAttemptFailed || !lastAttempt.plus(settings.keyRetryInterval()).isAfter(now);
    }

    private Map<String, RSAKey> download() throws IOException, ParseException {
        if (jwksUri == null) {
            Map<String, Object> discovery = JSONObjectUtils.parse(get(settings.discoveryUri()));
            // OpenID Connect Discovery §4.3: the document must name exactly the issuer we were configured with.
            String issuer = JSONObjectUtils.getString(discovery, "issuer");
            if (!settings.issuer().equals(issuer)) {
                throw new IOException("discovery document names issuer '" + issuer + "', expected '"
                        + settings.issuer() + "'");
            }
            URI uri = JSONObjectUtils.getURI(discovery, "jwks_uri");
            if (uri == null || !uri.isAbsolute()) {
                throw new IOException("discovery document has no absolute jwks_uri");
            }
            jwksUri = uri;
        }
        Map<String, RSAKey> keys = SigningKey.byKeyId(JWKSet.parse(get(jwksUri)));
        if (keys.isEmpty()) {
            throw new IOException("the JWKS at " + jwksUri + " has no usable RS256 signing key");
        }
        return keys;
    }

    /**
     * GET with {@code key-fetch-timeout} over the whole exchange: the request timeout bounds only the wait for the
     * response's headers, and a body that stalls after them would hold the fetch lock, and so every later fetch,
     * for ever. Past the deadline the body is closed, which ends the read.
     */
    private String get(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.keyFetchTimeout())
                .header("Accept", "application/json").GET().build();
        long deadline = System.nanoTime() + settings.keyFetchTimeout().toNanos();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("GET " + uri + " answered " + response.statusCode());
                }
                CompletableFuture<byte[]> read = new CompletableFuture<>();
                Thread.ofVirtual().name("issuer-keys-read").start(() -> {
                    try {
                        read.complete(body.readNBytes(MAX_DOCUMENT_BYTES + 1));
                    } catch (IOException | RuntimeException e) {
                        read.completeExceptionally(e);
                    }
                });
                byte[] bytes;
                try {
                    bytes = read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    throw new IOException("GET " + uri + " sent no whole body within " + settings.keyFetchTimeout(), e);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
                if (bytes.length > MAX_DOCUMENT_BYTES) {
                    throw new IOException("GET " + uri + " answered more than " + MAX_DOCUMENT_BYTES + " bytes");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
    }
}
