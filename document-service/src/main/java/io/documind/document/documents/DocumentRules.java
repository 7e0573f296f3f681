package io.documind.document.documents;

import io.documind.kit.web.DisplayNames;
import io.documind.kit.web.ProblemException;
import io.micronaut.http.HttpStatus;

import java.nio.charset.StandardCharsets;

/** What a document may hold. Plain rules, checked before anything is written. */
public final class DocumentRules {

    public static final int MAX_TITLE_LENGTH = 500;
    /**
     * The request's own bound on a title, in UTF-16 units as bean validation counts them: room for 500 characters
     * that each take two (emoji); {@link #title} counts characters exactly.
     */
    public static final int MAX_TITLE_UTF16 = 2 * MAX_TITLE_LENGTH;
    /** The documented content limit: 256 KiB of UTF-8. Beyond it: 413. */
    public static final int MAX_CONTENT_BYTES = 256 * 1024;
    /**
     * The most characters one write is counted as (DocumentAllowances): a title of {@link #MAX_TITLE_UTF16} UTF-16
     * units and content of at most one per UTF-8 byte.
     */
    public static final int LARGEST_WRITE = MAX_TITLE_UTF16 + MAX_CONTENT_BYTES;

    private DocumentRules() {
    }

    /**
     * The title to store: stripped, then at most {@link #MAX_TITLE_LENGTH} characters, counted as the database, the
     * event schemas and {@code GET /documents/limits} count them (code points: an emoji is one, not two UTF-16 units).
     */
    public static String title(String title) {
        // Stripped first: white space around the title (a trailing line feed from a text field) is not stored.
        String stored = title == null ? null : title.strip();
        if (!DisplayNames.acceptable(stored)) {
            throw ProblemException.badRequest("title", "title " + DisplayNames.MESSAGE);
        }
        if (stored.codePointCount(0, stored.length()) > MAX_TITLE_LENGTH) {
            throw ProblemException.badRequest("title", "title must be at most " + MAX_TITLE_LENGTH + " characters");
        }
        return stored;
    }

    public static String content(String content) {
        if (content == null) {
            throw ProblemException.badRequest("content", "content is required (it may be empty)");
        }
        // Cheap bound first: a char is at most 3 UTF-8 bytes (surrogate pairs: 4 bytes for 2 chars).
        if ((long) content.length() * 3 > MAX_CONTENT_BYTES
                && content.getBytes(StandardCharsets.UTF_8).length > MAX_CONTENT_BYTES) {
            throw new ProblemException(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    "content must be at most " + MAX_CONTENT_BYTES + " bytes of UTF-8", "content");
        }
        return content; // NUL and lone surrogates never get here: the kit's StorableTextFilter
    }
}
