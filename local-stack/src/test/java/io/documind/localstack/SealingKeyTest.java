package io.documind.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SealingKeyTest {

    @Test
    void theLocalStackKeepsOneKeyUnderItsDataReadableByItsOwnerOnly(@TempDir Path root) throws Exception {
        SealingKey first = new LocalData(root).sealingKey();
        assertEquals(32, Base64.getDecoder().decode(first.value()).length);
        assertEquals(first, new LocalData(root).sealingKey(), "mail sealed before a restart still opens after it");
        Path file = root.resolve(".local").resolve("sealing-key.properties");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertNotEquals(first, new LocalData(Files.createDirectory(root.resolve("other"))).sealingKey());
    }

    @Test
    void onlyNotificationServiceGetsIt() {
        SealingKey key = SealingKey.generate();
        assertEquals(Map.of(SealingKey.VARIABLE, key.value()), key.environmentFor("notification-service"));
        assertEquals(Map.of(), key.environmentFor("invitation-service"));
        assertEquals(-1, key.toString().indexOf(key.value()), "never logged");
    }
}
