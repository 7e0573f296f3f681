package io.documind.kit.crypto;

import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;
import java.security.KeyPair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SealedBoxTest {

    private static final String LINK = "https://app.example/invitation/42?token=the-one-time-secret";

    private final KeyPair recipient = SealedBox.generateKeyPair();

    @Test
    void onlyTheRecipientsPrivateKeyOpensTheBoxAndItShowsNothingInClear() throws Exception {
        String box = SealedBox.seal(SealedBox.publicKey(SealedBox.encode(recipient.getPublic()), "pub"), LINK, "42");
        assertFalse(box.contains("the-one-time-secret"), box);
        assertTrue(box.startsWith("v1."), box);
        assertEquals(LINK, SealedBox.open(SealedBox.privateKey(SealedBox.encode(recipient.getPrivate()), "priv"), box, "42"));
        assertNotEquals(box, SealedBox.seal(recipient.getPublic(), LINK, "42"), "a fresh ephemeral key and iv each time");

        assertThrows(GeneralSecurityException.class,
                () -> SealedBox.open(SealedBox.generateKeyPair().getPrivate(), box, "42"));
    }

    @Test
    void aBoxMovedToAnotherContextOrAlteredDoesNotOpen() {
        String box = SealedBox.seal(recipient.getPublic(), LINK, "42");
        assertThrows(GeneralSecurityException.class, () -> SealedBox.open(recipient.getPrivate(), box, "43"));
        char last = box.charAt(box.length() - 1);
        String altered = box.substring(0, box.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThrows(GeneralSecurityException.class, () -> SealedBox.open(recipient.getPrivate(), altered, "42"));
        for (String malformed : new String[]{"", "v1.x", "v2.a.b.c", "v1.!!.b.c", LINK}) {
            assertThrows(GeneralSecurityException.class, () -> SealedBox.open(recipient.getPrivate(), malformed, "42"),
                    malformed);
        }
    }

    @Test
    void keysThatAreNotX25519AreRefusedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SealedBox.publicKey("bm90IGEga2V5", "documind.invitation.link-public-key"));
        assertTrue(e.getMessage().contains("documind.invitation.link-public-key"));
        assertThrows(IllegalArgumentException.class, () -> SealedBox.privateKey("", "x"));
        assertThrows(IllegalArgumentException.class,
                () -> SealedBox.privateKey(SealedBox.encode(recipient.getPublic()), "x"));
    }
}
