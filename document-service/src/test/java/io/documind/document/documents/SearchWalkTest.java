package io.documind.document.documents;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a search walks once more before it turns to the GIN index (DocumentRepository#page). */
class SearchWalkTest {

    private static final int PAGE = 21; // a page of 20 and the row that tells whether there is a next one

    @Test
    void aWalkThatMetNothingOrFilledThePageIsNotFollowed() {
        assertEquals(0, DocumentRepository.rowsToFill(0, PAGE));
        assertEquals(0, DocumentRepository.rowsToFill(PAGE, PAGE));
    }

    @Test
    void theRowsToFillThePageFollowFromWhatTheWalkMet() {
        // 10 matches in the 2,100 rows walked: about 0.5% of the documents, a full page after about 4,410 rows.
        assertEquals(4_410, DocumentRepository.rowsToFill(10, PAGE));
        assertEquals(8_000, DocumentRepository.rowsToFill(5, 20), "at the cap of 400 rows per row asked: still walked");
    }

    @Test
    void aWordTooRareForTheLongestWalkGoesToTheIndex() {
        assertEquals(0, DocumentRepository.rowsToFill(2, PAGE)); // about 0.1%: 22,050 rows
        assertEquals(0, DocumentRepository.rowsToFill(5, PAGE)); // 8,820 rows, past the cap of 8,400
    }

    @Test
    void theWalkIsTakenOnlyWhereTheIndexWouldReadAndSortMoreMatches() {
        long toFill = DocumentRepository.rowsToFill(10, PAGE);
        // The benchmark's 0.5% word: 50 matches in 10,000 documents, 5,000 in a million.
        assertFalse(DocumentRepository.walkBeatsIndex(toFill, 10, PAGE, 10_000));
        assertTrue(DocumentRepository.walkBeatsIndex(toFill, 10, PAGE, 1_000_000));
        // The turning point: 4,410 rows walked against 2.5 rows per match, 1,764 matches, 370,440 documents.
        assertFalse(DocumentRepository.walkBeatsIndex(toFill, 10, PAGE, 370_000));
        assertTrue(DocumentRepository.walkBeatsIndex(toFill, 10, PAGE, 371_000));
    }
}
