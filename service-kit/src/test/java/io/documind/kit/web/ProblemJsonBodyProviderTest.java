package io.documind.kit.web;

import io.micronaut.http.server.exceptions.response.Error;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals("name", ProblemJsonBodyProvider.fieldError(error("body.name: must not be blank", null)).field());
        assertEquals("userIds[0]", ProblemJsonBodyProvider.fieldError(error("body.userIds[0]: size must be between 1 and 64", null)).field());
        assertEquals("page", ProblemJsonBodyProvider.fieldError(error("whatever", "page")).field());
        assertNull(ProblemJsonBodyProvider.fieldError(error("Unreadable body", null)).field());
    }
}
