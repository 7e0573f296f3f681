package io.documind.kit.observability;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A new correlation id is a well-formed random UUID, and ids do not repeat. */
class CorrelationFilterTest {

    @Test
    void aNewIdIsAVersion4UuidAndNoneRepeats() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = CorrelationFilter.newId();
            UUID parsed = UUID.fromString(id);
            assertEquals(4, parsed.version(), id);
            assertEquals(2, parsed.variant(), id);
            assertEquals(id, parsed.toString(), "canonical, lower case");
            assertTrue(seen.add(id), "seen twice: " + id);
        }
    }
}
