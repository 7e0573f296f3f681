package io.documind.org.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.documind.org.resource.ApiResourceRepository;
import io.documind.org.secret.SecretKeys;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The issuer's RS256 keys. Either given by configuration ({@code documind.token.signing-keys}, a private JWK
 * set), or generated on first start and kept in the database: {@value #IN_DATABASE} chooses that explicitly,
 * and an empty setting (allowed only on the local stack) means the same.
 *
 * <p>Rotation publishes before it signs: a new key enters the JWKS at once but signs only from its
 * {@code not_before}, by which time resource services have refreshed their JWKS cache; the keys it
 * replaces stay published until every token they signed has expired. Several instances share the
 * database and re-read it every 30 s, in the background: token checks run on the event loop and never wait
 * for the database here. Private keys in the database are stored sealed ({@link SigningKeyWrapping}).
 */
@Context // loads (or generates) its keys at start, not inside the first request's access check
public class KeyRing {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);
    /** The setting's value that asks for generated keys, kept in the database and rotated through the API. */
    public static final String IN_DATABASE = "database";

    record Key(RSAKey jwk, Instant notBefore, Instant retiredAt) {
        boolean signsAt(Instant now) {
            return !notBefore.isAfter(now) && (retiredAt == null || retiredAt.isAfter(now));
        }

        boolean publishedAt(Instant now) {
            return retiredAt == null || retiredAt.isAfter(now);
        }
    }

    private final TransactionOperations<Connection> transactions;
    private final SigningKeyRepository stored;
    private final ApiResourceRepository resources;
    private final TokenSettings settings;
    private final SigningKeyWrapping wrapping;
    private final boolean configured;
    private volatile List<Key> keys = List.of();

    public KeyRing(TransactionOperations<Connection> transactions, SigningKeyRepository stored,
                   ApiResourceRepository resources, TokenSettings settings, SigningKeyWrapping wrapping) {
        this.transactions = transactions;
        this.wrapping = wrapping;
        this.stored = stored;
        this.resources = resources;
        this.settings = settings;
        String keys = settings.getSigningKeys();
        this.configured = keys != null && !keys.isBlank() && !IN_DATABASE.equals(keys.strip());
    }

    @PostConstruct
    void load() {
        if (configured) {
            keys = fromConfiguration(settings.getSigningKeys());
            return;
        }
        wrapping.missing().ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        rewrap(reload(true));
        if (keys.isEmpty()) {
            RSAKey first = generate();
            boolean generated = transactions.executeWrite(status -> {
                stored.lockFirstKey();
                if (stored.countKeys() > 0) {
                    return false; // another instance starting at the same time made the first key
                }
                insert(first, Instant.now());
                return true;
            });
            if (generated) {
                LOG.info("No signing key yet: generated one and keep it in the database (documind.token.signing-keys "
                        + "is empty or '{}'). Rotate it with POST /api/signing-keys/rotations.", IN_DATABASE);
            }
            reload(true);
        }
    }

    /** Whether the keys come from configuration (then they are rotated there, not through the API). */
    public boolean configured() {
        return configured;
    }

    /** The key that signs now: the newest whose time has come. */
    public RSAKey signingKey() {
        Instant now = Instant.now();
        return current().stream().filter(k -> k.signsAt(now))
                .max(Comparator.comparing(Key::notBefore).thenComparing(k -> k.jwk().getKeyID()))
                .map(Key::jwk)
                .orElseThrow(() -> new IllegalStateException("no signing key is active"));
    }

    /** Every key a resource service should accept now or soon, public parts only. */
    public JWKSet publicKeys() {
        Instant now = Instant.now();
        List<JWK> published = current().stream().filter(k -> k.publishedAt(now))
                .map(k -> (JWK) k.jwk().toPublicJWK()).toList();
        return new JWKSet(published);
    }

    /**
     * Adds the next key: published now, signing after {@code key-publish-ahead}; the current keys retire once
     * tokens they signed can no longer be valid.
     */
    public String rotate() {
        if (configured) {
            throw new IllegalStateException("signing keys come from configuration: rotate them there");
        }
        Instant activation = Instant.now().plus(settings.getKeyPublishAhead());
        RSAKey next = generate();
        // One transaction: if the next key cannot be stored, the current ones must not retire without a successor.
        transactions.executeWrite(status -> {
            stored.retireCurrent(activation.plus(retireAfter(resources.longestAccessTokenTtl())));
            insert(next, activation);
            return null;
        });
        reload(false);
        return next.getKeyID();
    }

    /**
     * How long a replaced key stays published after its successor starts signing: {@code key-retire-after}, but never
     * less than the longest token it may have signed lives (the access token lifetime, or the longest accessTokenTtl
     * of the API resources now, up to 24 h), or APIs would refuse those tokens before they expire. Only as long as
     * that: after a leak, the old key should go as soon as it safely can.
     */
    private Duration retireAfter(int longestResourceTtlSeconds) {
        Duration longest = Duration.ofSeconds(longestResourceTtlSeconds);
        if (settings.getAccessTokenLifetime().compareTo(longest) > 0) {
            longest = settings.getAccessTokenLifetime();
        }
        Duration needed = longest.plus(RETIRE_MARGIN);
        return settings.getKeyRetireAfter().compareTo(needed) > 0 ? settings.getKeyRetireAfter() : needed;
    }

    /** Room for clock skew between this server and the APIs that check its tokens. */
    private static final Duration RETIRE_MARGIN = Duration.ofMinutes(5);

    private List<Key> current() {
        return keys;
    }

    /**
     * Picks up keys another instance rotated in, and seals again what another instance left in clear or under an
     * older key while org-service's secret key is being replaced.
     */
    @Scheduled(fixedDelay = "30s", initialDelay = "30s")
    void refresh() {
        if (!configured) {
            rewrap(reload(false));
        }
    }

    /** A stored key as this instance opened it. */
    private record Opened(SigningKey row, RSAKey jwk) {
    }

    /**
     * Reads every stored key; answers those not sealed under the current secret key, opened. At start a key that
     * does not open fails the start. Later (the secret key replaced by an instance configured differently) such a
     * key keeps what this instance had read of it, with the row's current times, so the instance follows its
     * retirement; a key it never read is left out: it neither publishes nor signs with what it could not check.
     * Synchronized: a scheduled refresh must not overwrite a rotation's newer read with its older one.
     */
    private synchronized List<Opened> reload(boolean starting) {
        List<SigningKey> rows = transactions.executeRead(status -> stored.findAll());
        Map<String, Key> before = new HashMap<>();
        keys.forEach(k -> before.put(k.jwk().getKeyID(), k));
        List<Key> loaded = new ArrayList<>();
        List<Opened> unsealed = new ArrayList<>();
        for (SigningKey row : rows) {
            try {
                RSAKey jwk = open(row);
                loaded.add(new Key(jwk, row.notBefore(), row.retiredAt()));
                if (wrapping.needsRewrap(row.privateJwk())) {
                    unsealed.add(new Opened(row, jwk));
                }
            } catch (IllegalStateException e) {
                if (starting) {
                    throw e;
                }
                Key known = before.get(row.kid());
                LOG.error("Cannot read signing key {}: {}. {}", row.kid(), e.getMessage(), known == null
                        ? "Neither publishing nor signing with it." : "Keeping the copy read before.");
                if (known != null) {
                    loaded.add(new Key(known.jwk(), row.notBefore(), row.retiredAt()));
                }
            }
        }
        keys = List.copyOf(loaded);
        return unsealed;
    }

    /** The row's private key, which must be the key its kid names. */
    private RSAKey open(SigningKey row) {
        RSAKey key = parse(wrapping.unwrap(row.kid(), row.privateJwk()));
        if (!row.kid().equals(key.getKeyID()) || !key.isPrivate()) {
            throw new IllegalStateException("stored signing key " + row.kid() + " holds another key, or no private "
                    + "one");
        }
        return key;
    }

    /**
     * Seals again, under the current secret key, the keys {@link #reload} found in clear (kept before sealing
     * existed) or sealed under another key (the key is being replaced); a transaction per key, so instances doing the
     * same at once never wait on each other in turn. A row changes only if it still holds what was read: the other
     * instance wins, and the row stays readable either way.
     */
    private void rewrap(List<Opened> unsealed) {
        int rewrapped = 0;
        for (Opened key : unsealed) {
            String sealed = wrapping.wrap(key.row().kid(), key.jwk().toJSONString());
            rewrapped += transactions.executeWrite(status ->
                    stored.replacePrivateJwk(key.row().kid(), key.row().privateJwk(), sealed));
        }
        if (rewrapped > 0) {
            LOG.info("Sealed {} stored signing key(s) under the first key of {}", rewrapped, SecretKeys.VARIABLE);
        }
    }

    /** Stores a key, sealed, in the caller's transaction. */
    private void insert(RSAKey key, Instant notBefore) {
        stored.save(new SigningKey(key.getKeyID(), wrapping.wrap(key.getKeyID(), key.toJSONString()),
                key.toPublicJWK().toJSONString(), notBefore, null));
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static List<Key> fromConfiguration(String jwkSet) {
        try {
            List<JWK> keys = JWKSet.parse(jwkSet).getKeys();
            // The set's first key signs and the others are published only (the next key ahead of its turn, the
            // last one until its tokens expired): signingKey() takes the latest notBefore, so the first gets it.
            // Before, every key had the same and the greatest kid signed, so an added key signed at once or never.
            List<Key> loaded = IntStream.range(0, keys.size())
                    .mapToObj(i -> new Key(keys.get(i).toRSAKey(), Instant.EPOCH.plusSeconds(keys.size() - i), null))
                    .toList();
            if (loaded.isEmpty() || loaded.stream().anyMatch(k -> !k.jwk().isPrivate() || k.jwk().getKeyID() == null)) {
                throw new IllegalStateException("documind.token.signing-keys must hold private RSA keys with a kid");
            }
            return loaded;
        } catch (ParseException e) {
            throw new IllegalStateException("documind.token.signing-keys is not a JWK set: " + e.getMessage(), e);
        }
    }

    private static RSAKey parse(String json) {
        try {
            return RSAKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("stored signing key is not an RSA JWK", e);
        }
    }
}
