package io.documind.notification.delivery;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinksTest {

    @Test
    void everyQueryValueAndTheFragmentAreRedacted() {
        assertEquals("http://localhost:3000/invitation/42?token=REDACTED",
                Links.redact("http://localhost:3000/invitation/42?token=s3cr3t"));
        assertEquals("https://app.example/i?a=REDACTED&token=REDACTED&REDACTED#REDACTED",
                Links.redact("https://app.example/i?a=1&token=s3cr3t&bare#frag"));
        assertEquals("https://app.example/i/42", Links.redact("https://app.example/i/42"));
        assertNull(Links.redact(null));
    }

    @Test
    void onlyAbsoluteHttpLinksMayBeEmailed() {
        assertTrue(Links.problem("https://app.example/i?token=x").isEmpty());
        assertTrue(Links.problem("http://localhost:3000/invitation/1?token=x").isEmpty());
        assertTrue(Links.problem("javascript:alert(1)").isPresent());
        assertTrue(Links.problem("/invitation/1?token=x").isPresent());
        assertTrue(Links.problem("ftp://files.example/x").isPresent());
        assertTrue(Links.problem("http://exa mple.com").isPresent());
    }
}
