package io.documind.kit.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretBoxTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.US_ASCII));
    private static final byte[] ROW = "row-1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLAIN = "the private key".getBytes(StandardCharsets.UTF_8);

    @Test
    void whatIsSealedOpensOnlyUnderTheSameKeyForTheSameRowAndUnaltered() throws GeneralSecurityException {
        SecretBox box = SecretBox.fromBase64(KEY, "test.key");
        byte[] sealed = box.seal(ROW, PLAIN);
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("private"), "not in clear");
        assertArrayEquals(PLAIN, box.open(ROW, sealed));
        assertArrayEquals(PLAIN, SecretBox.fromBase64(" " + KEY + "\n", "test.key").open(ROW, sealed),
                "the same key given again (spaces around it) opens it");
        assertFalse(Arrays.equals(sealed, box.seal(ROW, PLAIN)), "a fresh IV per box");

        assertThrows(GeneralSecurityException.class, () -> box.open("row-2".getBytes(StandardCharsets.US_ASCII), sealed),
                "moved to another row");
        assertThrows(GeneralSecurityException.class, () -> SecretBox.random().open(ROW, sealed), "another key");
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;
        assertThrows(GeneralSecurityException.class, () -> box.open(ROW, altered), "altered");
        assertThrows(GeneralSecurityException.class, () -> box.open(ROW, Arrays.copyOf(sealed, 20)), "cut short");
        assertThrows(GeneralSecurityException.class, () -> box.open(ROW, null), "nothing");
    }

    @Test
    void aKeyIsNamedWithoutBeingRevealed() {
        SecretBox box = SecretBox.fromBase64(KEY, "test.key");
        assertTrue(box.keyId().matches("[0-9a-f]{16}"), box.keyId());
        assertEquals(box.keyId(), SecretBox.fromBase64(KEY, "test.key").keyId());
        assertNotEquals(box.keyId(), SecretBox.random().keyId());
        assertFalse(KEY.contains(box.keyId()));
    }

    @Test
    void aKeyThatIsNotBase64Of32BytesIsRefusedNamingItsSetting() {
        IllegalStateException notBase64 = assertThrows(IllegalStateException.class,
                () -> SecretBox.fromBase64("not base64!", "documind.x.key"));
        assertTrue(notBase64.getMessage().contains("documind.x.key"), notBase64.getMessage());
        IllegalStateException tooShort = assertThrows(IllegalStateException.class,
                () -> SecretBox.fromBase64(Base64.getEncoder().encodeToString(new byte[16]), "documind.x.key"));
        assertTrue(tooShort.getMessage().contains("32 bytes") && tooShort.getMessage().contains("got 16"),
                tooShort.getMessage());
    }

    @Test
    void aKeyedHashDependsOnTheKeyAndThePurposeAndIsStable() throws Exception {
        SecretBox box = SecretBox.fromBase64(KEY, "test.key");
        byte[] code = "user:purpose:123456".getBytes(StandardCharsets.UTF_8);
        byte[] mac = box.mac("email code", code);
        assertEquals(32, mac.length);
        assertArrayEquals(mac, SecretBox.fromBase64(KEY, "test.key").mac("email code", code), "the same for every instance");
        assertFalse(Arrays.equals(mac, box.mac("another use", code)), "each purpose keyed apart");
        assertFalse(Arrays.equals(mac, SecretBox.random().mac("email code", code)), "another key");
        assertFalse(Arrays.equals(mac, java.security.MessageDigest.getInstance("SHA-256").digest(code)),
                "not the plain hash a database reader could compute");
    }
}
