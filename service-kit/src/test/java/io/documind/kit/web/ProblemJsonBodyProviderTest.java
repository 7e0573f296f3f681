package io.documind.kit.web;

import io.micronaut.http.server.exceptions.response.Error;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProblemJsonBodyProviderTest {

    private static Error error(String message, String path) {
        return new Error() {
            @Override
            public String getMessage() {
                return message;
            }

            @Override
            public Optional<String> getPath() {
                return Optional.ofNullable(path);
            }
        };
    }

    @Test
    void theFieldIsNamedEvenWhenOnlyTheMessageHasIt() {
        assertEquals("name", field("body.name: must not be blank", null));
        assertEquals("userIds[0]", field("body.userIds[0]: size must be between 1 and 64", null));
        assertEquals("page", field("whatever", "page"));
        assertEquals("token", field("Required QueryValue [token] not specified", "/token"));
        assertNull(field("Unreadable body", null));
    }

    /** The field named for an error outside any conversion (no query parameters to match). */
    private static String field(String message, String path) {
        return ProblemJsonBodyProvider.fieldError(error(message, path), Set.of()).field();
    }

    /** Micronaut's conversion failures, as it phrases them, become the caller's field without Java's words. */
    @Test
    void aConversionFailureNamesTheCallersFieldWithoutJavaInternals() {
        Problem.FieldError limit = ProblemJsonBodyProvider.fieldError(error("Failed to convert argument [limit] for "
                + "value [abc] due to: For input string: \"abc\"", "/limit"), Set.of("limit"));
        assertEquals("limit", limit.field());
        assertFalse(limit.message().contains("input string"), limit.message());
        assertEquals("page_size", ProblemJsonBodyProvider.fieldError(error("Failed to convert argument [pageSize] for "
                + "value [x] due to: For input string: \"x\"", "/pageSize"), Set.of("page", "page_size")).field());
        Problem.FieldError unknown = ProblemJsonBodyProvider.fieldError(error("Failed to convert argument [body] for "
                + "value [null] due to: Unknown property [organizationId] encountered during deserialization of type: "
                + "NewDocument body", "/body"), Set.of());
        assertEquals("organizationId", unknown.field());
        assertFalse(unknown.message().contains("NewDocument"), unknown.message());
        Problem.FieldError utf8 = ProblemJsonBodyProvider.fieldError(error("Failed to convert argument [body] for "
                + "value [null] due to: Error decoding property [String title] of type [class io.documind.document."
                + "documents.DocumentRequests$NewDocument]: Invalid UTF-8 start byte 0xff\n at [Source: REDACTED "
                + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 13]", "/body"),
                Set.of());
        assertEquals("body", utf8.field());
        assertEquals("body is not UTF-8", utf8.message());
        assertEquals("title", ProblemJsonBodyProvider.fieldError(error("Failed to convert argument [body] for value "
                + "[null] due to: Error decoding property [String title] of type [class X]: odd", "/body"), Set.of())
                .field());
    }
}
