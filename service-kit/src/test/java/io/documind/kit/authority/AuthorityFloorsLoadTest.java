package io.documind.kit.authority;

import io.documind.kit.security.TokenCheckUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check fails closed until the stored floors were read: a service that started with its database down must
 * not let a revoked token through while it knows nothing. */
class AuthorityFloorsLoadTest {

    @Test
    void nothingPassesBeforeTheStoredFloorsWereReadOnce() {
        AuthorityFloors floors = new AuthorityFloors(new AuthoritySettings());
        assertThrows(TokenCheckUnavailableException.class, () -> floors.refusal("u1", "o1", 1L, 1L));

        floors.learnAll(List.of());
        assertEquals(Optional.empty(), floors.refusal("u1", "o1", 1L, 1L));
    }

    @Test
    void aFloorOutlivesTheLastTokenItRefusesWhenTheIssuersClockRunsAhead() {
        Duration lifetime = Duration.ofHours(1);
        Duration skew = Duration.ofSeconds(30);
        Instant learned = Instant.parse("2026-12-08T00:00:00Z");
        AuthorityFloors floors = new AuthorityFloors(new AuthoritySettings());
        floors.learnAll(List.of(new Floor("u1", "o1", 2, Cause.MembershipRemoved, learned.toEpochMilli())));
        // Version 1, issued as the floor was learned by an issuer whose clock runs the whole skew ahead of ours: the
        // token check takes it until its exp plus the skew, on our clock.
        Instant lastAccepted = learned.plus(skew).plus(lifetime).plus(skew);

        floors.forgetBefore(lastAccepted.minus(FloorListener.retention(lifetime, skew)));

        assertTrue(floors.refusal("u1", "o1", 1L, 1L).isPresent(), "the floor was forgotten while its token lived");
    }

    @Test
    void aSwitchedOffCheckNeedsNoFloors() {
        AuthoritySettings off = new AuthoritySettings();
        off.setCheckEnabled(false);
        assertEquals(Optional.empty(), new AuthorityFloors(off).refusal("u1", "o1", 1L, 1L));
    }
}
