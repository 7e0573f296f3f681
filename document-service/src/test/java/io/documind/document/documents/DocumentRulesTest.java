package io.documind.document.documents;

import io.documind.document.limits.DocumentLimitSettings;
import io.documind.kit.web.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentRulesTest {

    @Test
    void contentIsLimitedInUtf8Bytes() {
        assertEquals(DocumentRules.MAX_CONTENT_BYTES, DocumentRules.content("a".repeat(DocumentRules.MAX_CONTENT_BYTES)).length());
        // 2-byte characters: half as many fit.
        DocumentRules.content("é".repeat(DocumentRules.MAX_CONTENT_BYTES / 2));
        ProblemException tooBig = assertThrows(ProblemException.class,
                () -> DocumentRules.content("é".repeat(DocumentRules.MAX_CONTENT_BYTES / 2 + 1)));
        assertEquals(413, tooBig.status().getCode());
        assertEquals("", DocumentRules.content(""), "empty content is fine");
    }

    @Test
    void theLargestWriteFitsTheCharactersBudgetOrTheServiceDoesNotStart() {
        // A title of the most UTF-16 units the request allows, content of the most UTF-8 bytes, one unit each.
        assertEquals(DocumentRules.MAX_TITLE_UTF16 + DocumentRules.content("a".repeat(DocumentRules.MAX_CONTENT_BYTES))
                .length(), DocumentRules.LARGEST_WRITE);
        DocumentLimitSettings settings = new DocumentLimitSettings();
        settings.setCharactersPerOrganization(DocumentRules.LARGEST_WRITE - 1);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new DocumentService(null, null, null, null, null, settings));
        assertTrue(refused.getMessage().contains("characters-per-organization"), refused.getMessage());
        settings.setCharactersPerOrganization(DocumentRules.LARGEST_WRITE);
        new DocumentService(null, null, null, null, null, settings);
    }

    @Test
    void titlesAreTrimmedAndBounded() {
        assertEquals("Notes", DocumentRules.title("  Notes \n"));
        // Characters as the database and the event schemas count them: 500 emoji (1,000 UTF-16 units) fit, and
        // so do 500 characters with whitespace around them, which is not stored.
        String emoji = "\uD83D\uDE00".repeat(500);
        assertEquals(emoji, DocumentRules.title(emoji));
        assertEquals("t".repeat(500), DocumentRules.title(" " + "t".repeat(500) + "\n"));
        for (String bad : new String[]{null, "", "   ", "t".repeat(501), "\uD83D\uDE00".repeat(501), "\u200b",
                "a\u0007b", "Two\nlines", "Two\u2028lines"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> DocumentRules.title(bad));
            assertEquals(400, e.status().getCode());
            assertEquals("title", e.field());
        }
    }

    @Test
    void ifMatchUsesStrongComparisonOfOurTags() {
        assertTrue(Preconditions.ifMatch(null).anyVersion());
        assertTrue(Preconditions.ifMatch("*").anyVersion());
        assertEquals(Set.of(3L), Preconditions.ifMatch("\"3\"").acceptedVersions());
        assertEquals(Set.of(3L, 4L), Preconditions.ifMatch("\"3\", \"4\"").acceptedVersions());
        assertEquals(Set.of(), Preconditions.ifMatch("W/\"3\"").acceptedVersions(), "weak tags never match");
        assertEquals(Set.of(), Preconditions.ifMatch("\"abc\"").acceptedVersions());
        assertEquals(Set.of(), Preconditions.ifMatch("3").acceptedVersions(), "unquoted is not an entity tag");
        for (String sameNumberOtherTag : new String[]{"\"03\"", "\"+3\"", "\"0\"", "\"-3\""}) {
            assertEquals(Set.of(), Preconditions.ifMatch(sameNumberOtherTag).acceptedVersions(), sameNumberOtherTag);
        }
    }
}
