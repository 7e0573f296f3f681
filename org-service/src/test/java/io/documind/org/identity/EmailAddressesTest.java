package io.documind.org.identity;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit: the one form addresses are compared and counted by. */
class EmailAddressesTest {

    @Test
    void caseAndSurroundingBlanksDoNotMatter() {
        assertEquals("tim@example.com", EmailAddresses.canonical("  Tim@EXAMPLE.com "));
        assertTrue(EmailAddresses.same("tim@example.com", "TIM@example.COM"));
    }

    /**
     * Dotted capital I lower-cases to "i" plus a combining dot in Java (and to plain "i" in some databases): not the
     * same address here, so such a spelling never reaches tim's account, and never shares or splits its limits.
     */
    @Test
    void aDottedCapitalIIsNotAnI() {
        assertFalse(EmailAddresses.same("t\u0130m@example.com", "tim@example.com"));
        assertFalse(EmailAddresses.same("tim@example.com", "t\u0131m@example.com")); // dotless i
    }

    /** One mailbox, one form: a domain written with its letters is the same as written in ASCII. */
    @Test
    void aDomainsLettersAndItsAsciiFormAreOneAddress() {
        assertEquals("ann@xn--bcher-kva.example", EmailAddresses.canonical(" Ann@B\u00fccher.example"));
        assertTrue(EmailAddresses.same("ann@b\u00fccher.example", "ANN@XN--BCHER-KVA.EXAMPLE"));
        assertFalse(EmailAddresses.same("ann@b\u00fccher.example", "ann@bucher.example"));
        // Looked up as stored now, then with the domain's letters (an account stored before kept them), whichever
        // spelling was given; an ASCII domain has one spelling.
        assertEquals(List.of("ann@xn--bcher-kva.example", "ann@b\u00fccher.example"),
                EmailAddresses.spellings(" ann@b\u00fccher.example "));
        assertEquals(List.of("ann@xn--bcher-kva.example", "ann@b\u00fccher.example"),
                EmailAddresses.spellings("ann@xn--bcher-kva.example"));
        assertEquals(List.of("Ann@mail.XN--BCHER-KVA.example", "Ann@mail.b\u00fccher.example"),
                EmailAddresses.spellings("Ann@mail.XN--BCHER-KVA.example"));
        assertEquals(List.of("ann@example.com"), EmailAddresses.spellings("ann@example.com"));
        // No letters that are stored as this ASCII form: faß is mailed as fass, so xn--fa-hia has no other spelling.
        assertEquals(List.of("ceo@xn--fa-hia.de"), EmailAddresses.spellings("ceo@xn--fa-hia.de"));
    }
}
