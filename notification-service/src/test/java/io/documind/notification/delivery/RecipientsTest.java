package io.documind.notification.delivery;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecipientsTest {

    @Test
    void ordinaryAddressesPass() {
        for (String ok : new String[]{"ann@example.com", "a.b+tag@sub.example.org", "ops@localhost"}) {
            assertEquals(java.util.Optional.empty(), Recipients.problem(ok), ok);
        }
    }

    @Test
    void addressesNoServerWouldTakeAreRefused() {
        // Each of these passes the event schema's loose pattern (something@something without spaces).
        for (String bad : new String[]{"bad<script>@example.com", "a..b@example.com", "ann@example..com",
                "ann@.example.com", "\"ann\"@ex\"ample.com", "ann@exa(mple.com", "x".repeat(250) + "@example.com"}) {
            assertTrue(Recipients.problem(bad).isPresent(), bad);
        }
        for (String bad : new String[]{"", "ann", "ann@", "@example.com", "a@b@example.com", "Ann <ann@example.com>"}) {
            assertTrue(Recipients.problem(bad).isPresent(), bad);
        }
        // Taken by an SMTP server, but no EmailSent can name them (its schema allows no space): Sent went unrecorded.
        for (String bad : new String[]{"\"ann lee\"@example.com", "\"ann\tlee\"@example.com",
                "ann@exa\u2003mple.com"}) {
            assertTrue(Recipients.problem(bad).isPresent(), bad);
        }
        // A local part outside ASCII needs SMTPUTF8; a domain label too long for DNS has no ASCII form.
        for (String bad : new String[]{"j\u00fcrgen@example.com", "ann@" + "\u00e4".repeat(70) + ".com"}) {
            assertTrue(Recipients.problem(bad).isPresent(), bad);
        }
    }

    @Test
    void anInternationalizedDomainIsSentInItsAsciiForm() {
        assertEquals(java.util.Optional.empty(), Recipients.problem("ann@ex\u00e4mple.com"));
        assertEquals("ann@xn--exmple-cua.com", Recipients.forSmtp("ann@ex\u00e4mple.com"));
        assertEquals("ann@example.com", Recipients.forSmtp("ann@example.com"));
        assertEquals("Ann.B@xn--bcher-kva.example", Recipients.forSmtp("Ann.B@b\u00fccher.example"));
    }
}
