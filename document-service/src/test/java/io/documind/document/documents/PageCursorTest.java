package io.documind.document.documents;

import io.documind.kit.web.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageCursorTest {

    private final PageCursor codec = new PageCursor("0123456789abcdef0123456789abcdef".getBytes());
    private final PageCursor.Position position =
            new PageCursor.Position(Instant.now().truncatedTo(ChronoUnit.MICROS), UUID.randomUUID());

    @Test
    void aCursorRoundTripsForItsOrganizationAndQuery() {
        String cursor = codec.encode(position, "org-a", "budget");
        assertEquals(position, codec.decode(cursor, "org-a", "budget"));
        assertEquals(55, cursor.length());
    }

    @Test
    void aCursorIsBoundToOrganizationQueryAndKey() {
        String cursor = codec.encode(position, "org-a", "budget");
        assertEquals("cursor was not issued for this list", refusal(() -> codec.decode(cursor, "org-b", "budget")));
        assertEquals("cursor was not issued for this list", refusal(() -> codec.decode(cursor, "org-a", "")));
        PageCursor otherKey = new PageCursor("another key, another deployment".getBytes());
        assertEquals("cursor was not issued for this list", refusal(() -> otherKey.decode(cursor, "org-a", "budget")));
        // Length-prefixed parts: moving a character between organization and query does not verify.
        String split = codec.encode(position, "ab", "c");
        assertEquals("cursor was not issued for this list", refusal(() -> codec.decode(split, "a", "bc")));
    }

    @Test
    void tamperedOrMalformedCursorsAreRefused() {
        byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(position, "org", ""));
        bytes[5] ^= 1; // move the position by a few microseconds
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertEquals("cursor was not issued for this list", refusal(() -> codec.decode(tampered, "org", "")));
        for (String bad : new String[]{"", "!!!", "abc", "A".repeat(101), "AAAA"}) {
            assertEquals("cursor is malformed", refusal(() -> codec.decode(bad, "org", "")), bad);
        }
    }

    private static String refusal(org.junit.jupiter.api.function.Executable decode) {
        ProblemException e = assertThrows(ProblemException.class, decode);
        assertEquals(400, e.status().getCode());
        assertEquals("cursor", e.field());
        return e.getMessage();
    }
}
