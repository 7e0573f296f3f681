package io.documind.contracts;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EmailAddressTest {

    @Test
    void aDomainIsMailedInTheAsciiFormThatSpellsItBack() {
        assertEquals(Optional.of("ann@example.com"), EmailAddress.asciiForm("ann@example.com"));
        assertEquals(Optional.of("Ann@example.com"), EmailAddress.asciiForm("Ann@Example.COM"));
        assertEquals(Optional.of("ann@xn--bcher-kva.example"), EmailAddress.asciiForm("ann@b\u00fccher.example"));
        assertEquals(Optional.of("ann@xn--bcher-kva.example"), EmailAddress.asciiForm("ann@B\u00dcCHER.example"));
        assertEquals(Optional.of("ann@xn--bcher-kva.example"), EmailAddress.asciiForm("ann@xn--bcher-kva.example"));
    }

    /**
     * IDNA2003 maps these to other domains (fass.de is not faß.de): mailing them would reach someone else. And a part
     * before the @ outside ASCII has no ASCII form at all.
     */
    @Test
    void aDomainThatWouldBeMailedElsewhereHasNoAsciiForm() {
        for (String address : List.of("ceo@fa\u00df.de", "ceo@\u03c3\u03bf\u03c6\u03bf\u03c2.example",
                "ann@exa\u200bmple.com", "ann@exa\u200dmple.com", "ann@\uff45xample.com", "ann@my_host.example",
                "ann@[127.0.0.1]", "ann@" + "\u00e4".repeat(70) + ".com", "ann@", "@example.com",
                "j\u00fcrgen@example.com",
                "ann@" + "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(60))) {
            assertEquals(Optional.empty(), EmailAddress.asciiForm(address), address);
        }
    }

    /** One mailbox, one spelling: what was written in ASCII stays as written, case and all. */
    @Test
    void anInternationalizedDomainIsStoredInItsAsciiFormAndNothingElseChanges() {
        assertEquals("Ann@xn--bcher-kva.example", EmailAddress.storedForm("Ann@B\u00fccher.Example"));
        assertEquals("ann@xn--bcher-kva.example", EmailAddress.storedForm("ann@xn--bcher-kva.example"));
        assertEquals("Ann@Example.COM", EmailAddress.storedForm("Ann@Example.COM"));
        assertEquals("ceo@fa\u00df.de", EmailAddress.storedForm("ceo@fa\u00df.de"), "refused elsewhere, not mapped");
        assertEquals("no-at-sign", EmailAddress.storedForm("no-at-sign"));
    }
}
