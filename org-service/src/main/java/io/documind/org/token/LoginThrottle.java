package io.documind.org.token;

import io.micronaut.core.annotation.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Slows password guessing per account and per client address. After {@code freeFailuresPerAccount} failures
 * an account is blocked for 30 s, doubling per further failure up to 15 minutes; an address gets a larger
 * budget per window. A success clears the account, so the real owner is never locked out for long.
 *
 * <p>The counts live in a {@link Store}: org-service's is its database ({@link LoginFailures}), so every instance
 * shares one budget; {@link #inMemory} serves the unit tests.
 */
public final class LoginThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration FIRST_BLOCK = Duration.ofSeconds(30);
    static final Duration MAX_BLOCK = Duration.ofMinutes(15);

    /** Failures counted in the window that began at {@code windowStart}, and a block if one is running. */
    public record Failures(int count, Instant windowStart, @Nullable Instant blockedUntil) {
    }

    /** Where the counts are kept; {@link #update} must be atomic per key across everyone sharing the store. */
    public interface Store {

        List<Failures> find(List<String> keys);

        /** Replaces the key's failures (null when it has none) with what {@code change} makes of them. */
        void update(String key, UnaryOperator<Failures> change);

        void remove(String key);
    }

    private final int freeFailuresPerAccount;
    private final int failuresPerAddress;
    private final Clock clock;
    private final Store store;

    public LoginThrottle(int freeFailuresPerAccount, int failuresPerAddress, Clock clock, Store store) {
        this.freeFailuresPerAccount = freeFailuresPerAccount;
        this.failuresPerAddress = failuresPerAddress;
        this.clock = clock;
        this.store = store;
    }

    /** A throttle of this process alone. */
    public static LoginThrottle inMemory(int freeFailuresPerAccount, int failuresPerAddress, Clock clock) {
        Map<String, Failures> failures = new ConcurrentHashMap<>();
        return new LoginThrottle(freeFailuresPerAccount, failuresPerAddress, clock, new Store() {
            @Override
            public List<Failures> find(List<String> keys) {
                return keys.stream().map(failures::get).filter(f -> f != null).toList();
            }

            @Override
            public void update(String key, UnaryOperator<Failures> change) {
                failures.compute(key, (k, f) -> change.apply(f));
            }

            @Override
            public void remove(String key) {
                failures.remove(key);
            }
        });
    }

    /** How long the caller must wait before trying, or empty when it may try now. */
    public Optional<Duration> waitBefore(String account, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (Failures f : store.find(List.of(accountKey(account), addressKey(address)))) {
            if (f.blockedUntil() != null && f.blockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, f.blockedUntil());
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        store.update(accountKey(account), f -> {
            Failures next = count(f, now);
            int over = next.count() - freeFailuresPerAccount;
            if (over <= 0) {
                return next;
            }
            Duration block = FIRST_BLOCK.multipliedBy(1L << Math.min(over - 1, 10));
            return new Failures(next.count(), next.windowStart(), now.plus(block.compareTo(MAX_BLOCK) > 0 ? MAX_BLOCK : block));
        });
        store.update(addressKey(address), f -> {
            Failures next = count(f, now);
            return next.count() > failuresPerAddress
                    ? new Failures(next.count(), next.windowStart(), next.windowStart().plus(WINDOW))
                    : next;
        });
    }

    public void succeeded(String account) {
        store.remove(accountKey(account));
    }

    private static Failures count(Failures f, Instant now) {
        if (f == null || f.windowStart().plus(WINDOW).isBefore(now)) {
            return new Failures(1, now, null);
        }
        return new Failures(f.count() + 1, f.windowStart(), f.blockedUntil());
    }

    private static String accountKey(String account) {
        return "account:" + (account == null ? "" : account.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
