package io.documind.org.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/** Unit: our PHC strings against Spring Security's Argon2 encoder, which earlier versions stored hashes with. */
class Argon2idTest {

    /** Small costs keep the test fast; the format and the algorithm are the same at any cost. */
    private final Argon2id argon2 = new Argon2id(64, 2, 1, 16, 32);
    private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 64, 2);
    private final Argon2BytesGenerator.BlockPool blocks = argon2.newBlockPool();

    @Test
    void hashesStoredBySpringsEncoderStillVerify() {
        String stored = spring.encode("correct horse battery staple");
        assertTrue(argon2.matches("correct horse battery staple", stored, blocks));
        assertFalse(argon2.matches("correct horse battery stapler", stored, blocks));
    }

    @Test
    void ourHashesAreStandardPhcStringsThatSpringVerifies() {
        String ours = argon2.hash("pässwörd ✓", blocks);
        assertTrue(ours.startsWith("$argon2id$v=19$m=64,t=2,p=1$"), ours);
        assertTrue(spring.matches("pässwörd ✓", ours));
        assertFalse(spring.matches("passwort", ours));
    }

    /** Reused blocks must not carry one hash's state into the next: the pool hands back cleared blocks. */
    @Test
    void aReusedBlockPoolGivesTheSameAnswersAsFreshMemory() {
        String first = argon2.hash("one", blocks);
        String second = argon2.hash("two", blocks);
        for (int i = 0; i < 3; i++) {
            assertTrue(argon2.matches("one", first, blocks));
            assertTrue(argon2.matches("two", second, blocks));
            assertTrue(argon2.matches("one", first, argon2.newBlockPool()));
            assertFalse(argon2.matches("two", first, blocks));
        }
    }

    @Test
    void theSamePasswordGetsAFreshSaltEveryTime() {
        String a = argon2.hash("same", blocks);
        String b = argon2.hash("same", blocks);
        assertNotEquals(a, b);
        assertTrue(argon2.matches("same", a, blocks) && argon2.matches("same", b, blocks));
    }

    /** The parameters written in the stored string are the ones used, not this instance's. */
    @Test
    void aHashWithOtherCostsVerifiesUnderItsOwnCosts() {
        String costlier = new Argon2PasswordEncoder(16, 24, 1, 128, 3).encode("pw");
        assertTrue(argon2.matches("pw", costlier, blocks));
        assertFalse(argon2.matches("pw2", costlier, blocks));
    }

    @Test
    void anythingButAnArgon2idPhcStringWithinBoundsMatchesNothing() {
        String good = argon2.hash("pw", blocks);
        String[] parts = good.split("\\$"); // "", argon2id, v=19, m=..,t=..,p=.., salt, hash
        for (String bad : new String[] {
                null, "", "pw", "$argon2i$v=19$m=64,t=2,p=1$" + parts[4] + "$" + parts[5],
                "$argon2id$v=16$m=64,t=2,p=1$" + parts[4] + "$" + parts[5],
                "$argon2id$v=19$m=64,t=2$" + parts[4] + "$" + parts[5],
                "$argon2id$v=19$m=x,t=2,p=1$" + parts[4] + "$" + parts[5],
                "$argon2id$v=19$m=99999999,t=2,p=1$" + parts[4] + "$" + parts[5],
                "$argon2id$v=19$m=64,t=0,p=1$" + parts[4] + "$" + parts[5],
                "$argon2id$v=19$m=64,t=2,p=1$***$" + parts[5],
                "$argon2id$v=19$m=64,t=2,p=1$" + parts[4],
                good + "$extra"}) {
            assertFalse(argon2.matches("pw", bad, blocks), String.valueOf(bad));
        }
        assertEquals(6, parts.length);
        assertTrue(argon2.matches("pw", good, blocks));
    }
}
