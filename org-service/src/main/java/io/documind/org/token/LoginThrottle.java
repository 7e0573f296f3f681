package io.documind.org.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing per account and per client address. After {@code freeFailures} failures an
 * account is blocked for 30 s, doubling per further failure up to 15 minutes; an address gets a larger
 * budget per window. A success clears the account, so the real owner is never locked out for long.
 * State is per instance: N instances allow N times the budget (a shared store would fix that).
 */
public final class LoginThrottle {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration FIRST_BLOCK = Duration.ofSeconds(30);
    private static final Duration MAX_BLOCK = Duration.ofMinutes(15);

    private final int freeFailuresPerAccount;
    private final int failuresPerAddress;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant windowStart, Instant blockedUntil) {
    }

    public LoginThrottle(int freeFailuresPerAccount, int failuresPerAddress, Clock clock) {
        this.freeFailuresPerAccount = freeFailuresPerAccount;
        this.failuresPerAddress = failuresPerAddress;
        this.clock = clock;
    }

    /** How long the caller must wait before trying, or empty when it may try now. */
    public Optional<Duration> waitBefore(String account, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : new String[]{accountKey(account), addressKey(address)}) {
            Failures f = failures.get(key);
            if (f != null && f.blockedUntil() != null && f.blockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, f.blockedUntil());
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        failures.compute(accountKey(account), (k, f) -> {
            Failures next = count(f, now);
            int over = next.count() - freeFailuresPerAccount;
            if (over <= 0) {
                return next;
            }
            Duration block = FIRST_BLOCK.multipliedBy(1L << Math.min(over - 1, 10));
            return new Failures(next.count(), next.windowStart(), now.plus(block.compareTo(MAX_BLOCK) > 0 ? MAX_BLOCK : block));
        });
        failures.compute(addressKey(address), (k, f) -> {
            Failures next = count(f, now);
            return next.count() > failuresPerAddress
                    ? new Failures(next.count(), next.windowStart(), next.windowStart().plus(WINDOW))
                    : next;
        });
        if (failures.size() > 100_000) {
            failures.values().removeIf(f -> f.windowStart().plus(WINDOW).plus(MAX_BLOCK).isBefore(now));
        }
    }

    public void succeeded(String account) {
        failures.remove(accountKey(account));
    }

    private static Failures count(Failures f, Instant now) {
        if (f == null || f.windowStart().plus(WINDOW).isBefore(now)) {
            return new Failures(1, now, null);
        }
        return new Failures(f.count() + 1, f.windowStart(), f.blockedUntil());
    }

    private static String accountKey(String account) {
        return "account:" + (account == null ? "" : account.strip().toLowerCase(java.util.Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
