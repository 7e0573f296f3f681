package io.documind.org;

import io.documind.org.application.BootstrapApplication;
import io.documind.org.identity.PasswordPolicy;
import io.documind.org.organization.OrganizationService;
import io.documind.org.token.LoginThrottle;
import io.documind.org.token.OAuthException;
import io.documind.org.token.Secrets;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** org-service's rules that need no server: password policy, throttle, secrets, search patterns. */
class UnitRulesTest {

    @Test
    void aConfiguredManagementClientIdLongerThanATokenSubjectMayBeIsRefusedAtStart() {
        BootstrapApplication tooLong = new BootstrapApplication(null, "c".repeat(65), "a-long-enough-secret-0123");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> tooLong.onApplicationEvent(null));
        assertTrue(refused.getMessage().contains("at most 64"), refused.getMessage());
    }

    @Test
    void passwordPolicy() {
        assertTrue(PasswordPolicy.violation("short1", null).isPresent());
        assertTrue(PasswordPolicy.violation("onlyletters", null).isPresent());
        assertTrue(PasswordPolicy.violation("12345678901", null).isPresent());
        assertTrue(PasswordPolicy.violation("x".repeat(300) + "1", null).isPresent());
        assertTrue(PasswordPolicy.violation("a1@example.com", "A1@example.com").isPresent());
        assertFalse(PasswordPolicy.violation("correct horse 42", "a@example.com").isPresent());
    }

    @Test
    void throttleSlowsOneAddressAfterFreeFailuresGrowsAndLeavesOtherAddressesAlone() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId zone) { return this; }
            public Instant instant() { return now.get(); }
        };
        LoginThrottle throttle = LoginThrottle.inMemory(new LoginThrottle.Limits(3, 1000, 1000), clock);
        for (int i = 0; i < 4; i++) {
            assertFalse(attempt(throttle, i % 2 == 0 ? "A@x.io " : "a@x.io", "1.2.3.4", false), "three free, a fourth try");
        }
        assertEquals(30, refusedFor(throttle, "a@X.io", "1.2.3.4"), "a case variant is the same account");
        assertTrue(attempt(throttle, "a@x.io", "9.9.9.9", true), "another address is not locked out");
        now.set(now.get().plusSeconds(31));
        attempt(throttle, "a@x.io", "1.2.3.4", false);
        assertEquals(60, refusedFor(throttle, "a@x.io", "1.2.3.4"));
        for (int i = 0; i < 6; i++) { // each try after a block doubles it
            now.set(now.get().plusSeconds(refusedFor(throttle, "a@x.io", "1.2.3.4")));
            attempt(throttle, "a@x.io", "1.2.3.4", false);
        }
        assertEquals(15 * 60, refusedFor(throttle, "a@x.io", "1.2.3.4"), "capped");
    }

    @Test
    void theAccountLimitBoundsGuessingFromEveryAddressButSparesWhereTheOwnerSignedIn() {
        LoginThrottle throttle = LoginThrottle.inMemory(new LoginThrottle.Limits(5, 10, 1000), Clock.systemUTC());
        assertTrue(attempt(throttle, "owner@x.io", "10.0.0.1", true), "the owner signs in at home");
        for (int i = 0; i < 10; i++) {
            assertFalse(attempt(throttle, "OWNER@x.io", "6.6.6." + i, false));
        }
        assertTrue(refusedFor(throttle, "owner@x.io", "6.6.6.99") > 0, "the 11th guess, from anywhere new, is refused");
        assertTrue(refusedFor(throttle, "owner@x.io", "7.7.7.7") > 0, "even with the right password");
        assertTrue(attempt(throttle, "owner@x.io", "10.0.0.1", true), "the owner's own address still signs in");
    }

    @Test
    void throttleLimitsAnAddressAcrossAccounts() {
        LoginThrottle throttle = LoginThrottle.inMemory(new LoginThrottle.Limits(100, 100, 5), Clock.systemUTC());
        for (int i = 0; i < 5; i++) {
            attempt(throttle, "user" + i + "@x.io", "6.6.6.6", false);
        }
        assertTrue(refusedFor(throttle, "fresh@x.io", "6.6.6.6") > 0);
        assertTrue(attempt(throttle, "fresh@x.io", "7.7.7.7", true));
    }

    @Test
    void manyRightSignInsAtOnceFromOneAddressWaitTheirTurnInsteadOfBlockingEachOther() throws Exception {
        LoginThrottle throttle = LoginThrottle.inMemory(new LoginThrottle.Limits(5, 20, 100), Clock.systemUTC());
        AtomicInteger checking = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch open = new CountDownLatch(1);
        List<Future<Boolean>> signIns;
        try (var pool = Executors.newFixedThreadPool(16)) {
            signIns = IntStream.range(0, 16).mapToObj(i -> pool.submit(() ->
                    throttle.attempt("busy@x.io", "10.0.0.7", () -> {
                        most.accumulateAndGet(checking.incrementAndGet(), Math::max);
                        try {
                            open.await(); // held in flight, as a slow password hash holds it
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        checking.decrementAndGet();
                        return Optional.of(true);
                    }).isPresent())).toList();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> checking.get() >= 5);
            } finally {
                open.countDown(); // else a failed wait leaves the pool's close waiting for ever
            }
            for (Future<Boolean> signIn : signIns) {
                assertTrue(signIn.get(), "refused: " + signIn); // an OAuthException (429) fails get()
            }
        }
        assertEquals(5, most.get(), "five in flight at a time: the pair's free failures");
    }

    @Test
    void parallelWrongGuessesFromOneAddressAreCheckedNoMoreOftenThanOneAfterAnother() throws Exception {
        LoginThrottle throttle = LoginThrottle.inMemory(new LoginThrottle.Limits(5, 1000, 1000), Clock.systemUTC());
        AtomicInteger checked = new AtomicInteger();
        long refused = 0;
        try (var pool = Executors.newFixedThreadPool(20)) {
            List<Future<Boolean>> guesses = IntStream.range(0, 20).mapToObj(i -> pool.submit(() -> {
                try {
                    return throttle.attempt("target@x.io", "6.6.6.6", () -> {
                        checked.incrementAndGet();
                        return Optional.empty();
                    }).isPresent();
                } catch (OAuthException e) {
                    return null;
                }
            })).toList();
            for (Future<Boolean> guess : guesses) {
                refused += guess.get() == null ? 1 : 0;
            }
        }
        assertEquals(6, checked.get(), "five free failures and the one that starts the block, as in sequence");
        assertEquals(14, refused);
    }

    /** One sign-in attempt that the credential check answers with {@code right}; true when it signed in. */
    static boolean attempt(LoginThrottle throttle, String account, String address, boolean right) {
        return throttle.attempt(account, address, () -> right ? Optional.of(true) : Optional.empty()).isPresent();
    }

    /** The Retry-After seconds of a refused attempt (fails if the attempt was let through). */
    static long refusedFor(LoginThrottle throttle, String account, String address) {
        OAuthException refused = assertThrows(OAuthException.class, () -> attempt(throttle, account, address, true));
        assertEquals(429, refused.status().getCode());
        return refused.retryAfterSeconds();
    }

    @Test
    void secretsAreRandomHashedAndComparedByHash() {
        String a = Secrets.generate();
        assertFalse(a.equals(Secrets.generate()));
        assertTrue(a.length() >= 43, "256 bits in base64url");
        assertTrue(Secrets.matches(a, Secrets.hash(a)));
        assertFalse(Secrets.matches(a + "x", Secrets.hash(a)));
        assertFalse(Secrets.matches(null, Secrets.hash(a)));
    }

    @Test
    void searchPatternsEscapeLikeWildcards() {
        assertNull(OrganizationService.like("  "));
        assertEquals("%acme%", OrganizationService.like(" ACME "));
        assertEquals("%50\\%\\_off%", OrganizationService.like("50%_off"));
    }
}
