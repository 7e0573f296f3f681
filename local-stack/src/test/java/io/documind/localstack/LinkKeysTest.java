package io.documind.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class LinkKeysTest {

    @Test
    void theLocalStackKeepsOnePairUnderItsDataReadableByItsOwnerOnly(@TempDir Path root) throws Exception {
        LocalData data = new LocalData(root);
        LinkKeys first = data.linkKeys();
        assertEquals(first, data.linkKeys(), "links sealed before a restart still open after it");
        Path file = data.dir().resolve("link-keys.properties");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertNotEquals(first, new LocalData(Files.createDirectory(root.resolve("other"))).linkKeys());
    }

    @Test
    void eachServiceGetsOnlyItsHalf() {
        LinkKeys keys = LinkKeys.generate();
        assertEquals(Map.of(LinkKeys.PUBLIC_VARIABLE, keys.publicKey()), keys.environmentFor("invitation-service"));
        assertEquals(Map.of(LinkKeys.PRIVATE_VARIABLE, keys.privateKey()), keys.environmentFor("notification-service"));
        assertEquals(Map.of(LinkKeys.ORG_PUBLIC_VARIABLE, keys.publicKey()), keys.environmentFor("org-service"));
        assertEquals(-1, keys.toString().indexOf(keys.privateKey()), "never logged");
    }
}
