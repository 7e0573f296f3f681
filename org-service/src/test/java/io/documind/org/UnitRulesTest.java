package io.documind.org;

import io.documind.org.application.BootstrapApplication;
import io.documind.org.identity.PasswordPolicy;
import io.documind.org.organization.OrganizationService;
import io.documind.org.token.LoginThrottle;
import io.documind.org.token.Secrets;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

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
    void throttleBlocksAfterFreeFailuresGrowsAndForgivesOnSuccess() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId zone) { return this; }
            public Instant instant() { return now.get(); }
        };
        LoginThrottle throttle = LoginThrottle.inMemory(3, 1000, clock);
        for (int i = 0; i < 3; i++) {
            assertTrue(throttle.waitBefore("a@x.io", "1.2.3.4").isEmpty());
            throttle.failed("A@x.io ", "1.2.3.4");
        }
        assertTrue(throttle.waitBefore("a@x.io", "1.2.3.4").isEmpty(), "three free failures");
        throttle.failed("a@x.io", "1.2.3.4");
        assertEquals(Duration.ofSeconds(30), throttle.waitBefore("a@x.io", "9.9.9.9").orElseThrow());
        now.set(now.get().plusSeconds(31));
        throttle.failed("a@x.io", "1.2.3.4");
        assertEquals(Duration.ofSeconds(60), throttle.waitBefore("a@x.io", "1.2.3.4").orElseThrow());
        for (int i = 0; i < 20; i++) {
            throttle.failed("a@x.io", "1.2.3.4");
        }
        assertEquals(Duration.ofMinutes(15), throttle.waitBefore("a@x.io", "1.2.3.4").orElseThrow(), "capped");
        throttle.succeeded("a@x.io");
        assertTrue(throttle.waitBefore("a@x.io", "5.6.7.8").isEmpty());
    }

    @Test
    void throttleLimitsAnAddressAcrossAccounts() {
        LoginThrottle throttle = LoginThrottle.inMemory(100, 5, Clock.systemUTC());
        for (int i = 0; i < 6; i++) {
            throttle.failed("user" + i + "@x.io", "6.6.6.6");
        }
        assertTrue(throttle.waitBefore("fresh@x.io", "6.6.6.6").isPresent());
        assertTrue(throttle.waitBefore("fresh@x.io", "7.7.7.7").isEmpty());
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
