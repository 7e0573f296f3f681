package io.documind.org.token;

import io.documind.org.identity.EmailAddresses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Slows credential guessing on the token endpoint without letting a stranger lock the owner out. The pattern is
 * "per (account, address) locks plus a slower per-account limit" (OWASP Authentication Cheat Sheet, account
 * lockout), with the addresses an account signed in from recently exempt from the per-account limit:
 * <ul>
 *   <li>(account, address): {@code freeFailures} failures, then 30 s, doubling per failure up to 15 minutes. Only
 *       this address is slowed, so guesses from elsewhere cannot lock the owner's address.</li>
 *   <li>account, across all addresses: at most {@code accountFailures} failures per 15-minute window; beyond it,
 *       only addresses the account signed in from in the last 30 days may still try. That bounds guessing from
 *       many addresses while the owner, at home, is never refused for what others did.</li>
 *   <li>address, across accounts: {@code addressFailures} per window (password spraying).</li>
 * </ul>
 * Accounts are emails compared without case; a machine-to-machine app is the account {@code client:<id>}.
 *
 * <p>Atomic: {@link #attempt} counts the attempt as a failure before the credential is checked, in one
 * {@link Store#update} over all its keys, and withdraws it on success. Parallel guesses therefore cannot pass the
 * check together and all be let through: each one takes a place in the budget or is refused.
 *
 * <p>Turns: in this process at most {@code freeFailures} attempts of one (account, address) are in flight at a
 * time; more wait for a turn. Counting in-flight attempts as failures would otherwise block an owner whose
 * client signs in (or an app that asks for tokens) many times at once from one address: the sixth parallel
 * attempt counted as a sixth failure and blocked the pair for 30 s, although every attempt was right (seen: 69
 * of 16 parallel clients' sign-ins refused in a benchmark). Waiting costs such a client nothing, since hashing
 * runs on as many threads as there are cores anyway. Guessing stays bounded exactly as before: the turns only
 * queue what the count would have let through or refused.
 */
public final class LoginThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration FIRST_BLOCK = Duration.ofSeconds(30);
    static final Duration MAX_BLOCK = Duration.ofMinutes(15);
    static final Duration TRUST = Duration.ofDays(30);

    /** How many failures each key may count: see the class comment. */
    public record Limits(int freeFailures, int accountFailures, int addressFailures) {
        public static final Limits DEFAULT = new Limits(5, 20, 100);

        public Limits {
            if (freeFailures < 1 || accountFailures < 1 || addressFailures < 1) {
                throw new IllegalArgumentException("documind.token.login-*-failures must each be at least 1: "
                        + freeFailures + ", " + accountFailures + ", " + addressFailures);
            }
        }
    }

    /** Failures counted in the window that began at {@code windowStart}, and a block if one is running. */
    public record Failures(int count, Instant windowStart, @Nullable Instant blockedUntil) {
    }

    /** Where the counts are kept; shared by every instance of org-service ({@link LoginFailures}). */
    public interface Store {

        /**
         * Replaces the keys' failures with what {@code change} makes of them (a key absent from either map has
         * none), atomically across everyone sharing the store.
         */
        void update(List<String> keys, UnaryOperator<Map<String, Failures>> change);

        /** Whether {@code account} signed in from {@code address} and that trust still runs at {@code now}. */
        boolean trusted(String account, String address, Instant now);

        void trust(String account, String address, Instant until);
    }

    /** Longest an attempt waits for a turn behind its (account, address)'s attempts in flight. */
    static final Duration TURN_PATIENCE = Duration.ofSeconds(10);

    private final Limits limits;
    private final Clock clock;
    private final Store store;
    /** Per (account, address) key with attempts in flight or waiting here; removed when the last one leaves. */
    private final ConcurrentHashMap<String, Turns> turns = new ConcurrentHashMap<>();

    public LoginThrottle(Limits limits, Clock clock, Store store) {
        this.limits = limits;
        this.clock = clock;
        this.store = store;
    }

    /** A throttle of this process alone. */
    public static LoginThrottle inMemory(Limits limits, Clock clock) {
        Map<String, Failures> failures = new HashMap<>();
        Map<String, Instant> trust = new ConcurrentHashMap<>();
        return new LoginThrottle(limits, clock, new Store() {
            @Override
            public void update(List<String> keys, UnaryOperator<Map<String, Failures>> change) {
                synchronized (failures) {
                    Map<String, Failures> current = new HashMap<>();
                    keys.forEach(k -> {
                        if (failures.containsKey(k)) {
                            current.put(k, failures.get(k));
                        }
                    });
                    Map<String, Failures> next = change.apply(current);
                    keys.forEach(k -> {
                        if (next.containsKey(k)) {
                            failures.put(k, next.get(k));
                        } else {
                            failures.remove(k);
                        }
                    });
                }
            }

            @Override
            public boolean trusted(String account, String address, Instant now) {
                Instant until = trust.get(account + "|" + address);
                return until != null && until.isAfter(now);
            }

            @Override
            public void trust(String account, String address, Instant until) {
                trust.put(account + "|" + address, until);
            }
        });
    }

    /**
     * Checks a credential under the throttle: refused with a 429 {@link OAuthException} while a block runs, else
     * {@code check} runs and its empty answer is a counted failure; a present one clears this address's failures.
     */
    public <T> Optional<T> attempt(String account, String address, Supplier<Optional<T>> check) {
        String pair = pairKey(normalize(account), address);
        Turns mine = turns.compute(pair, (key, t) -> (t == null ? new Turns(Math.max(1, limits.freeFailures())) : t)
                .joined());
        try {
            if (!mine.permits.tryAcquire(TURN_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw slowDown(Duration.ofSeconds(1));
            }
            try {
                Optional<Duration> wait = begin(account, address);
                if (wait.isPresent()) {
                    throw slowDown(wait.get());
                }
                Optional<T> outcome = check.get();
                if (outcome.isPresent()) {
                    succeeded(account, address);
                }
                return outcome;
            } finally {
                mine.permits.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw slowDown(Duration.ofSeconds(1));
        } finally {
            turns.computeIfPresent(pair, (key, t) -> t.left() ? null : t);
        }
    }

    private static OAuthException slowDown(Duration wait) {
        return new OAuthException("slow_down", "Too many failed sign-ins; try again later",
                HttpStatus.TOO_MANY_REQUESTS, Math.max(1, wait.toSeconds()));
    }

    /**
     * One (account, address)'s turns; {@code present} counts who holds or waits for one, and changes only under the
     * map's lock for the key.
     */
    private static final class Turns {
        final Semaphore permits;
        private int present;

        Turns(int permits) {
            this.permits = new Semaphore(permits, true);
        }

        Turns joined() {
            present++;
            return this;
        }

        /** @return whether nobody is left */
        boolean left() {
            return --present == 0;
        }
    }

    /** Refuses (how long to wait) or counts the attempt as a failure until {@link #succeeded} withdraws it. */
    Optional<Duration> begin(String account, String address) {
        Instant now = clock.instant();
        String name = normalize(account);
        boolean trusted = store.trusted(name, address, now);
        String pair = pairKey(name, address);
        String accountKey = accountKey(name);
        String addressKey = addressKey(address);
        Duration[] refusal = {Duration.ZERO};
        store.update(List.of(pair, accountKey, addressKey), current -> {
            Duration wait = longest(now, current.get(pair), current.get(addressKey),
                    trusted ? null : current.get(accountKey));
            if (!wait.isZero()) {
                refusal[0] = wait;
                return current;
            }
            Map<String, Failures> next = new HashMap<>();
            next.put(pair, backOff(countSinceBlock(current.get(pair), now), now));
            next.put(accountKey, blockAt(count(current.get(accountKey), now), limits.accountFailures()));
            next.put(addressKey, blockAt(count(current.get(addressKey), now), limits.addressFailures()));
            return next;
        });
        return refusal[0].isZero() ? Optional.empty() : Optional.of(refusal[0]);
    }

    /** The attempt was no failure: withdraw it, clear this address's lock and trust the address for the account. */
    void succeeded(String account, String address) {
        Instant now = clock.instant();
        String name = normalize(account);
        String accountKey = accountKey(name);
        String addressKey = addressKey(address);
        store.update(List.of(pairKey(name, address), accountKey, addressKey), current -> {
            Map<String, Failures> next = new HashMap<>();
            withdraw(current.get(accountKey), limits.accountFailures()).ifPresent(f -> next.put(accountKey, f));
            withdraw(current.get(addressKey), limits.addressFailures()).ifPresent(f -> next.put(addressKey, f));
            return next;
        });
        store.trust(name, address, now.plus(TRUST));
    }

    private static Duration longest(Instant now, Failures... failures) {
        Duration wait = Duration.ZERO;
        for (Failures f : failures) {
            if (f != null && f.blockedUntil() != null && f.blockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, f.blockedUntil());
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait;
    }

    private Failures backOff(Failures f, Instant now) {
        int over = f.count() - limits.freeFailures();
        if (over <= 0) {
            return f;
        }
        Duration block = FIRST_BLOCK.multipliedBy(1L << Math.min(over - 1, 10));
        return new Failures(f.count(), f.windowStart(), now.plus(block.compareTo(MAX_BLOCK) > 0 ? MAX_BLOCK : block));
    }

    /** Once {@code limit} failures are counted, the key is blocked until its window ends. */
    private static Failures blockAt(Failures f, int limit) {
        return f.count() >= limit ? new Failures(f.count(), f.windowStart(), f.windowStart().plus(WINDOW)) : f;
    }

    private static Optional<Failures> withdraw(@Nullable Failures f, int limit) {
        if (f == null || f.count() <= 1) {
            return Optional.empty();
        }
        int count = f.count() - 1;
        return Optional.of(new Failures(count, f.windowStart(), count >= limit ? f.blockedUntil() : null));
    }

    /** As {@link #count}, but a block's end starts a new window: a guesser who waits out each block keeps doubling it. */
    private static Failures countSinceBlock(@Nullable Failures f, Instant now) {
        if (f != null && f.blockedUntil() != null && !f.blockedUntil().plus(WINDOW).isBefore(now)) {
            return new Failures(f.count() + 1, f.windowStart(), f.blockedUntil());
        }
        return count(f, now);
    }

    private static Failures count(@Nullable Failures f, Instant now) {
        if (f == null || f.windowStart().plus(WINDOW).isBefore(now)) {
            return new Failures(1, now, null);
        }
        return new Failures(f.count() + 1, f.windowStart(), f.blockedUntil());
    }

    /** Emails compare as {@link EmailAddresses#canonical}: a case variant is the same account. */
    static String normalize(@Nullable String account) {
        return EmailAddresses.canonical(account);
    }

    private static String pairKey(String account, String address) {
        return "pair:" + account + "|" + address;
    }

    private static String accountKey(String account) {
        return "account:" + account;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
