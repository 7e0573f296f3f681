package io.documind.org.token;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Provider;

/**
 * The JCA provider that makes access tokens' RS256 signatures.
 *
 * <p>Why not just the JDK's: a 2048-bit RSA signature takes the JDK (SunRsaSign) about 1 ms of CPU on our 2-core
 * machine, most of what an organization token costs org-service; Amazon Corretto Crypto Provider (AWS-LC, native
 * code shipped inside its jar) makes the same signature in about 0.3 ms, given a key object of its own (see
 * {@link TokenIssuer}). RS256 (PKCS#1 v1.5) is deterministic, so both make the same bytes and no verifier can tell
 * them apart.
 *
 * <p>Its library exists for Linux x86-64 only, and loading it plus its self-tests takes about 0.6 s, which start-up
 * should not wait for. So it loads on a background thread once the server is up, and until it is ready (or for
 * good, when it cannot load here or {@code documind.token.native-signing} is false) the JDK's provider signs.
 */
@Singleton
public class SignatureProvider implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureProvider.class);

    private final boolean nativeSigning;
    /** Null while the JDK's provider signs. */
    private volatile Provider provider;

    public SignatureProvider(TokenSettings settings) {
        this.nativeSigning = settings.isNativeSigning();
    }

    /** The provider to sign with now; null means the JDK's default. */
    @Nullable
    public Provider current() {
        return provider;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (nativeSigning) {
            Thread.ofPlatform().daemon().name("native-signing-load").priority(Thread.MIN_PRIORITY).start(this::load);
        } else {
            LOG.info("RS256 signatures are made by the JDK's provider (documind.token.native-signing is false)");
        }
    }

    /** Loads the native provider and, if it loads and passes its self-tests, signs with it from then on. */
    void load() {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable failure = accp.getLoadingError();
            if (failure != null) {
                LOG.info("RS256 signatures stay with the JDK's provider: the native one does not load here ({})",
                        failure.toString());
                return;
            }
            accp.assertHealthy();
            provider = accp;
            LOG.info("RS256 signatures are now made by {} {}", accp.getName(), accp.getVersionStr());
        } catch (Throwable e) { // a missing or foreign native library surfaces as a LinkageError
            LOG.warn("RS256 signatures stay with the JDK's provider: the native one failed ({})", e.toString());
        }
    }
}
