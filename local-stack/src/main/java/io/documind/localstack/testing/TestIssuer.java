package io.documind.localstack.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for org-service's authorization server in tests: serves {@code /oidc/.well-known/openid-configuration}
 * and {@code /oidc/jwks} on a free loopback port and mints RS256 access tokens shaped like DESIGN §4 — plus the
 * malformed and forged ones a resource service must refuse.
 *
 * <p>Point a service at it with {@link #properties()} ({@code documind.security.issuer}). Use {@link #shared()}
 * unless the test changes the issuer (key rotation, outages): then {@link #start()} one of its own and close it.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String ISSUER_PROPERTY = "documind.security.issuer";
    public static final String DEFAULT_CLIENT_ID = "test-app";

    private static final String BASE_PATH = "/oidc";
    private static TestIssuer shared;

    private final int port;
    private final String issuer;
    /** Published keys, newest last; the newest signs. */
    private final List<RSAKey> keys = new CopyOnWriteArrayList<>();
    private final AtomicInteger discoveryRequests = new AtomicInteger();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private HttpServer server;

    private TestIssuer(int port) {
        this.server = bind(port);
        this.port = server.getAddress().getPort();
        this.issuer = "http://127.0.0.1:" + this.port + BASE_PATH;
        keys.add(newKey());
        serve();
    }

    /** The issuer shared by every test of this JVM, started on first use; do not stop or rotate it. */
    public static synchronized TestIssuer shared() {
        if (shared == null) {
            shared = start();
            TestIssuer s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "test-issuer-shutdown"));
        }
        return shared;
    }

    /** A new issuer for the caller alone, on a free port; the caller closes it. */
    public static TestIssuer start() {
        return new TestIssuer(0);
    }

    /** The {@code iss} of every token it mints, e.g. {@code http://127.0.0.1:41234/oidc}. */
    public String issuer() {
        return issuer;
    }

    /** What a service under test needs to trust this issuer. */
    public Map<String, String> properties() {
        return Map.of(ISSUER_PROPERTY, issuer);
    }

    // ---- tokens ------------------------------------------------------------------------------------------------

    /** A user access token ({@code aud} = {@code urn:documind:api}). */
    public String userToken(String subject, String... scopes) {
        return token().user().subject(subject).scopes(scopes).sign();
    }

    /** An organization token for {@code organizationId} carrying the given organization scopes. */
    public String organizationToken(String subject, String organizationId, String... scopes) {
        return token().organization(organizationId).subject(subject).scopes(scopes).sign();
    }

    /** A management token of a machine-to-machine app: {@code sub} = {@code client_id}, scope {@code all}. */
    public String managementToken(String clientId) {
        return token().management().subject(clientId).clientId(clientId).scopes("all").sign();
    }

    /** A builder starting from a valid user token; change what the test needs, then pick how to sign it. */
    public TokenBuilder token() {
        return new TokenBuilder();
    }

    // ---- keys and the server -----------------------------------------------------------------------------------

    /** The published public keys (what {@code /oidc/jwks} serves). */
    public JWKSet publicKeys() {
        return new JWKSet(new ArrayList<>(keys)).toPublicJWKSet();
    }

    /** The {@code kid} tokens are signed with now. */
    public String currentKeyId() {
        return signingKey().getKeyID();
    }

    /**
     * Key rotation: publishes a new key next to the old ones and signs with it from now on. A resource service
     * that cached the old set must notice the unknown {@code kid} and fetch the set again.
     *
     * @return the new key's {@code kid}
     */
    public String rotateKey() {
        RSAKey next = newKey();
        keys.add(next);
        return next.getKeyID();
    }

    /** How often the JWKS was fetched (to prove caching and rate limiting). */
    public int jwksRequests() {
        return jwksRequests.get();
    }

    public int discoveryRequests() {
        return discoveryRequests.get();
    }

    /** Stops answering (connections are refused), keeping the port and keys for {@link #resume()}. */
    public synchronized void suspend() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Answers again on the same port with the same keys. */
    public synchronized void resume() {
        if (server == null) {
            server = bind(port);
            serve();
        }
    }

    @Override
    public void close() {
        suspend();
    }

    private RSAKey signingKey() {
        return keys.getLast();
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID("test-" + UUID.randomUUID().toString().substring(0, 8)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static HttpServer bind(int port) {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the test issuer on port " + port, e);
        }
    }

    private void serve() {
        server.createContext(BASE_PATH + "/.well-known/openid-configuration", exchange -> {
            discoveryRequests.incrementAndGet();
            Map<String, Object> discovery = new LinkedHashMap<>();
            discovery.put("issuer", issuer);
            discovery.put("jwks_uri", issuer + "/jwks");
            discovery.put("token_endpoint", issuer + "/token");
            discovery.put("id_token_signing_alg_values_supported", List.of("RS256"));
            respond(exchange, JSONObjectUtils.toJSONString(discovery));
        });
        server.createContext(BASE_PATH + "/jwks", exchange -> {
            jwksRequests.incrementAndGet();
            respond(exchange, JSONObjectUtils.toJSONString(publicKeys().toJSONObject(true)));
        });
        server.start();
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(405, -1);
            exchange.close();
            return;
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * One token: starts as a valid user token of a random subject (one hour, all required claims, {@code typ}
     * {@code at+jwt}, signed with the current key). Everything can be changed, including into something invalid.
     */
    public final class TokenBuilder {
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private final Set<String> removed = new HashSet<>();
        private String type = "at+jwt";
        private String keyId;
        private boolean keyIdSet;
        private JWSAlgorithm algorithm = JWSAlgorithm.RS256;

        private TokenBuilder() {
            Instant now = Instant.now();
            claims.put("iss", issuer);
            claims.put("sub", "user-" + UUID.randomUUID());
            claims.put("aud", "urn:documind:api");
            claims.put("iat", now);
            claims.put("exp", now.plus(Duration.ofHours(1)));
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("client_id", DEFAULT_CLIENT_ID);
            claims.put("scope", "");
        }

        public TokenBuilder subject(String subject) {
            return claim("sub", subject);
        }

        public TokenBuilder clientId(String clientId) {
            return claim("client_id", clientId);
        }

        public TokenBuilder user() {
            claims.remove("organization_id");
            return audience("urn:documind:api");
        }

        public TokenBuilder organization(String organizationId) {
            claim("organization_id", organizationId);
            return audience("urn:documind:organization:" + organizationId);
        }

        public TokenBuilder management() {
            claims.remove("organization_id");
            return audience("urn:documind:management");
        }

        /** Any audience: a string, or a list for a multi-audience token. */
        public TokenBuilder audience(Object audience) {
            return claim("aud", audience);
        }

        public TokenBuilder scopes(String... scopes) {
            return claim("scope", String.join(" ", scopes));
        }

        public TokenBuilder issuer(String iss) {
            return claim("iss", iss);
        }

        public TokenBuilder issuedAt(Instant iat) {
            return claim("iat", iat);
        }

        public TokenBuilder expiresAt(Instant exp) {
            return claim("exp", exp);
        }

        public TokenBuilder notBefore(Instant nbf) {
            return claim("nbf", nbf);
        }

        /** Expired five minutes ago (well beyond any clock skew). */
        public TokenBuilder expired() {
            Instant now = Instant.now();
            return issuedAt(now.minus(Duration.ofHours(1))).expiresAt(now.minus(Duration.ofMinutes(5)));
        }

        /** Valid only from five minutes on (well beyond any clock skew). */
        public TokenBuilder notYetValid() {
            return notBefore(Instant.now().plus(Duration.ofMinutes(5)));
        }

        /** Sets (or replaces) a claim; Instants become NumericDates. */
        public TokenBuilder claim(String name, Object value) {
            removed.remove(name);
            claims.put(name, value);
            return this;
        }

        /** Leaves a claim out, e.g. {@code without("jti")}. */
        public TokenBuilder without(String claim) {
            removed.add(claim);
            return this;
        }

        /** The {@code typ} header; null leaves it out. */
        public TokenBuilder type(String typ) {
            this.type = typ;
            return this;
        }

        /** The {@code kid} header (default: the current key's); null leaves it out. */
        public TokenBuilder keyId(String kid) {
            this.keyId = kid;
            this.keyIdSet = true;
            return this;
        }

        /** Signs with an RSA algorithm other than RS256 (RS384, RS512, PS256...) and the current key. */
        public TokenBuilder algorithm(JWSAlgorithm alg) {
            this.algorithm = alg;
            return this;
        }

        /** RS256 (or {@link #algorithm}) with the issuer's current, published key: what org-service does. */
        public String sign() {
            return sign(signingKey());
        }

        /** Signed with a fresh key that was never published, under the current key's {@code kid}. */
        public String signWithUnpublishedKey() {
            RSAKey forged = new RSAKey.Builder(newKey()).keyID(signingKey().getKeyID()).build();
            return sign(forged);
        }

        /** {@code alg: none}, no signature. */
        public String unsigned() {
            PlainHeader.Builder header = new PlainHeader.Builder();
            if (type != null) {
                header.type(new JOSEObjectType(type));
            }
            return new PlainJWT(header.build(), claimsSet()).serialize();
        }

        /**
         * The classic key-confusion attack: HS256 with the issuer's <em>public</em> key bytes (its X.509 encoding)
         * as the HMAC secret, hoping the verifier feeds "the key" to whatever {@code alg} says.
         */
        public String signHs256WithPublicKey() {
            try {
                byte[] secret = signingKey().toRSAPublicKey().getEncoded();
                return signWith(JWSAlgorithm.HS256, new MACSigner(secret), signingKey().getKeyID());
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A validly signed token whose payload is then swapped for these claims (the signature no longer fits). */
        public String tampered(Map<String, Object> replacedClaims) {
            String original = sign();
            claims.putAll(replacedClaims);
            String forgedPayload = Base64URL.encode(claimsSet().toString()).toString();
            String[] parts = original.split("\\.");
            return parts[0] + "." + forgedPayload + "." + parts[2];
        }

        private String sign(RSAKey key) {
            try {
                return signWith(algorithm, new RSASSASigner(key), key.getKeyID());
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        private String signWith(JWSAlgorithm alg, JWSSigner signer, String defaultKeyId) {
            JWSHeader.Builder header = new JWSHeader.Builder(alg);
            if (type != null) {
                header.type(new JOSEObjectType(type));
            }
            String kid = keyIdSet ? keyId : defaultKeyId;
            if (kid != null) {
                header.keyID(kid);
            }
            SignedJWT jwt = new SignedJWT(header.build(), claimsSet());
            try {
                jwt.sign(signer);
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot sign the test token", e);
            }
            return jwt.serialize();
        }

        private JWTClaimsSet claimsSet() {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
            claims.forEach((name, value) -> {
                if (!removed.contains(name)) {
                    builder.claim(name, value instanceof Instant i ? Date.from(i) : value);
                }
            });
            return builder.build();
        }
    }
}
