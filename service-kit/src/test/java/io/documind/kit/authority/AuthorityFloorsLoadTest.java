package io.documind.kit.authority;

import io.documind.kit.security.TokenCheckUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void aSwitchedOffCheckNeedsNoFloors() {
        AuthoritySettings off = new AuthoritySettings();
        off.setCheckEnabled(false);
        assertEquals(Optional.empty(), new AuthorityFloors(off).refusal("u1", "o1", 1L, 1L));
    }
}
