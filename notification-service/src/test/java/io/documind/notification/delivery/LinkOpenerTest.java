package io.documind.notification.delivery;

import io.documind.kit.crypto.SealedBox;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A key rotation: boxes sealed with the old public key open while the old private key is kept as the previous one. */
class LinkOpenerTest {

    private final KeyPair old = SealedBox.generateKeyPair();
    private final KeyPair current = SealedBox.generateKeyPair();

    @Test
    void aBoxSealedForThePreviousKeyOpensWhileThatKeyIsKept() {
        String sealedOld = SealedBox.seal(old.getPublic(), "https://app.example/i?token=old", "inv-1");
        String sealedNew = SealedBox.seal(current.getPublic(), "https://app.example/i?token=new", "inv-1");
        LinkOpener rotating = new LinkOpener(SealedBox.encode(current.getPrivate()), SealedBox.encode(old.getPrivate()));

        assertEquals("https://app.example/i?token=old", rotating.open("inv-1", sealedOld));
        assertEquals("https://app.example/i?token=new", rotating.open("inv-1", sealedNew));

        LinkOpener rotated = new LinkOpener(SealedBox.encode(current.getPrivate()), "");
        LinkOpener.UnreadableLinkException refused = assertThrows(LinkOpener.UnreadableLinkException.class,
                () -> rotated.open("inv-1", sealedOld));
        assertTrue(refused.getMessage().startsWith("The sealed secret of inv-1 does not open"), refused.getMessage());
        assertThrows(LinkOpener.UnreadableLinkException.class, () -> rotating.open("inv-2", sealedNew),
                "a box moved to another invitation opens with neither key");
    }
}
