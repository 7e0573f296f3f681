package io.documind.kit.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.token.jwt.signature.ReactiveSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * The issuer's signature, as micronaut-security-jwt's signature step: {@link AccessTokenHeader}'s rules, then
 * RS256 with the issuer's key named by {@code kid}. The keys come from {@link VerificationKeys} rather than the
 * library's JWKS signature because that one needs the JWKS URL at startup, while ours is found lazily through
 * discovery (a service starts before org-service), refreshed early for an unknown {@code kid} at a bounded rate,
 * kept through issuer outages, and answered from memory without leaving the event loop; only a fetch runs on the
 * blocking executor.
 *
 * <p>Refusals are errors, not {@code false}, so that the 401 can say why (see {@link TokenRefusals}).
 *
 * <p>A client presents one token many times in its lifetime, and the RSA verification (with the verifier built for
 * it) was the largest part of a token's checks in JFR profiles of {@code ./dev bench documents}: a token verified
 * once is remembered with the key that verified it. Only this step is skipped on a hit; the header rules above
 * and every claim check (expiry included) still run on every request. A hit needs the very same compact token and
 * the very same key object the lookup answers now, so a key gone from the issuer's set (or fetched again) verifies
 * nothing from memory.
 */
@Singleton
class IssuerSignature implements ReactiveSignatureConfiguration<SignedJWT> {

    /** Tokens remembered at most; the memory is emptied when full (simple, and the next request refills it). */
    static final int MAX_REMEMBERED = 4096;

    private final VerificationKeys keys;
    private final ExecutorService blocking;
    /** Compact token → the key that verified its signature. */
    private final Map<String, RSAKey> verified = new ConcurrentHashMap<>();

    IssuerSignature(VerificationKeys keys, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.keys = keys;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Boolean> verify(SignedJWT token) {
        try {
            AccessTokenHeader.check(token.getHeader());
        } catch (InvalidTokenException e) {
            return Mono.error(e);
        }
        String keyId = token.getHeader().getKeyID();
        return switch (keys.lookup(keyId)) {
            case KeyLookup.Found found -> Mono.fromCallable(() -> verify(token, found.key()));
            case KeyLookup.Unknown ignored -> Mono.error(unknownKey());
            case KeyLookup.Unavailable ignored ->
                    Mono.error(new KeysUnavailableException("the issuer's keys could not be fetched a moment ago", null));
            case KeyLookup.FetchNeeded ignored -> fetchThenVerify(token, keyId);
        };
    }

    /** The rest of the request then goes on from the blocking thread, inside the request's propagated context. */
    private Mono<Boolean> fetchThenVerify(SignedJWT token, String keyId) {
        PropagatedContext context = PropagatedContext.getOrEmpty();
        return Mono.fromCallable(() -> {
            RSAKey key = keys.fetch(keyId);
            if (key == null) {
                throw unknownKey();
            }
            return verify(token, key);
        }).subscribeOn(Schedulers.fromExecutor(task -> blocking.execute(context.wrap(task))));
    }

    private boolean verify(SignedJWT token, RSAKey key) {
        String compact = token.getParsedString();
        if (compact != null && verified.get(compact) == key) {
            return true;
        }
        try {
            // RSASSAVerifier also refuses any "crit" header parameter it does not understand (all of them).
            if (token.verify(new RSASSAVerifier(key))) {
                if (compact != null) {
                    if (verified.size() >= MAX_REMEMBERED) {
                        verified.clear();
                    }
                    verified.put(compact, key);
                }
                return true;
            }
        } catch (JOSEException e) {
            // refused below
        }
        throw new InvalidTokenException("The access token's signature is invalid");
    }

    private static InvalidTokenException unknownKey() {
        return new InvalidTokenException("The access token's signing key is unknown");
    }
}
