package io.documind.kit.authority;

import io.documind.kit.security.AuthorityCheck;
import io.documind.kit.security.TokenCheckUnavailableException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The floors this instance knows, in memory, for the check on every request: at most three hash lookups. Filled by
 * {@link FloorListener} from the database (at start, on every notification, and periodically); it only ever raises a
 * floor, so a late reload cannot lower what a notification taught.
 */
@Singleton
public class AuthorityFloors implements AuthorityCheck {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorityFloors.class);
    /** Warn once per process: the cause is configuration, and every such token would repeat it. */
    private static final AtomicBoolean LONG_LIVED_WARNED = new AtomicBoolean();

    private final Map<Floor.Key, Floor> floors = new ConcurrentHashMap<>();
    private final boolean enabled;
    private final Duration tokenLifetime;
    /** Until the stored floors were read once, nothing can be said of a token: 503, not a pass (fail closed). */
    private volatile boolean loaded;

    public AuthorityFloors(AuthoritySettings settings) {
        this.enabled = settings.isCheckEnabled();
        this.tokenLifetime = settings.getTokenLifetime();
    }

    /**
     * A floor is forgotten {@code documind.authority.token-lifetime} after it was learned, which is safe only for
     * tokens that expire by then. org-service issuing longer-lived tokens (its lifetime raised here but not on this
     * service) would otherwise let a revoked token work again after that time: refuse it, and say why, instead.
     */
    @Override
    public Optional<String> lifetimeRefusal(Duration lifetime) {
        if (!enabled || lifetime.compareTo(tokenLifetime) <= 0) {
            return Optional.empty();
        }
        if (LONG_LIVED_WARNED.compareAndSet(false, true)) {
            LOG.warn("Refusing access tokens that live {} (exp - iat): this service keeps authority changes for "
                    + "documind.authority.token-lifetime = {} only. Set DOCUMIND_TOKEN_ACCESS_TOKEN_LIFETIME to "
                    + "org-service's value on every service.", lifetime, tokenLifetime);
        }
        return Optional.of("The access token lives longer than this service can check it for (documind.authority.token-lifetime); "
                + "its operator must set the same access token lifetime here as on org-service");
    }

    @Override
    public Optional<String> refusal(String subject, @Nullable String organizationId, @Nullable Long authorityVersion,
                                    @Nullable Long organizationAuthorityVersion) {
        if (!enabled) {
            return Optional.empty();
        }
        if (!loaded) {
            throw new TokenCheckUnavailableException("the authority versions are not loaded yet", null);
        }
        if (floors.isEmpty()) {
            return Optional.empty();
        }
        return judge(floors::get, subject, organizationId, authorityVersion, organizationAuthorityVersion);
    }

    /**
     * The refusal for a token's versions against the floors {@code lookup} finds: the subject's own, the whole
     * organization's, then the subject's membership in it. Shared with {@link CommittedAuthority}.
     */
    static Optional<String> judge(Function<Floor.Key, Floor> lookup, String subject, @Nullable String organizationId,
                                  @Nullable Long authorityVersion, @Nullable Long organizationAuthorityVersion) {
        // A token without the claims predates authority versions: version 0, below every floor.
        long own = authorityVersion == null ? 0 : authorityVersion;
        long membership = organizationAuthorityVersion == null ? 0 : organizationAuthorityVersion;
        Floor floor = refusing(lookup.apply(new Floor.Key(subject, Floor.ANY)), own);
        if (floor == null && organizationId != null) {
            floor = refusing(lookup.apply(new Floor.Key(Floor.ANY, organizationId)), membership);
            if (floor == null) {
                floor = refusing(lookup.apply(new Floor.Key(subject, organizationId)), membership);
            }
        }
        return floor == null ? Optional.empty() : Optional.of(floor.cause().refusal());
    }

    @Nullable
    private static Floor refusing(@Nullable Floor floor, long version) {
        return floor != null && version < floor.version() ? floor : null;
    }

    void learn(Floor floor) {
        floors.merge(floor.key(), floor, Floor::newer);
    }

    /** Everything stored was learned once: from now on the view is complete up to the notifications to come. */
    void learnAll(Collection<Floor> learned) {
        learned.forEach(this::learn);
        loaded = true;
    }

    /** Drops floors learned before {@code horizon}: every token they could refuse has expired. */
    void forgetBefore(Instant horizon) {
        long before = horizon.toEpochMilli();
        floors.values().removeIf(f -> f.learnedAt() < before);
    }

    int size() {
        return floors.size();
    }
}
