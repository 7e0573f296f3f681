package io.documind.kit.web;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisplayNamesTest {

    @Test
    void aNameShowsACharacterAndHoldsNoControlCharacterOrLineBreak() {
        for (String fine : List.of("Acme", " Acme ", "a\u00a0b", "\u05e9\u05dc\u05d5\u05dd\u200f",
                "\uD83D\uDC69\u200D\uD83D\uDCBB team", "x", "\u2764\ufe0f", "\ud55c\uad6d", "\u00e9")) {
            assertTrue(DisplayNames.acceptable(fine), fine);
        }
        for (String bad : List.of("", "   ", "\u00a0", "\u200b", "\ufeff", "Bell\u0007", "\u001b[31mRed", "a\nb",
                "Acme\n", "\tAcme", "Two\u2028lines", "Two\u2029paragraphs", "a\u0085b", "\u007f", "\u3164",
                "\u115f\u1160", "\u2800", "\ufe0f", "\u034f", "\uDB40\uDD00", "admin\u202egnp.exe", "a\u2066b\u2069")) {
            assertFalse(DisplayNames.acceptable(bad), bad);
        }
        assertFalse(DisplayNames.acceptable(null));
    }

    /** Bean validation runs the pattern on the whole value, whatever its length: one pass, no backtracking. */
    @Test
    void aLongNameIsDecidedInOnePass() {
        assertFalse(DisplayNames.acceptable("a".repeat(200_000) + "\u0007"));
        assertFalse(DisplayNames.acceptable(" ".repeat(200_000) + "\u0007"));
        assertTrue(DisplayNames.acceptable("\u00a0".repeat(200_000) + "a" + " b".repeat(100_000)));
    }
}
