package io.documind.kit.web;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StrictJsonTest {

    @Test
    void oneValueWithEachNameOnceHasNoFlaw() {
        assertEquals(Optional.empty(), flaw("{\"a\":1,\"b\":{\"a\":2},\"c\":[{\"a\":3},{\"a\":4}]}"));
        assertEquals(Optional.empty(), flaw("  [1, 2]\n"));
        assertEquals(Optional.empty(), flaw("\"text\""));
    }

    @Test
    void anythingAfterTheValueIsTrailing() {
        assertEquals(Optional.of("body"), flaw("{} {}"));
        assertEquals(Optional.of("body"), flaw("[1]]"));
        assertEquals(Optional.of("body"), flaw("\"text\" \"more\""));
        assertEquals(Optional.of("body"), flaw("{\"a\":1}\u0000"));
        assertEquals(Optional.of("body"), flaw("{\"a\":1} not json"));
    }

    @Test
    void aRepeatedNameIsNamedByItsPath() {
        assertEquals(Optional.of("a"), flaw("{\"a\":1,\"a\":1}"));
        assertEquals(Optional.of("b.x"), flaw("{\"a\":1,\"b\":{\"x\":1,\"y\":{},\"x\":2}}"));
        assertEquals(Optional.of("c[1].y"), flaw("{\"c\":[{\"y\":1},{\"y\":1,\"y\":2}]}"));
        assertEquals(Optional.of("[0].a"), flaw("[{\"a\":1,\"a\":2}]"));
    }

    @Test
    void aValueBrokenBeforeItEndsIsLeftToTheRoutesBinding() {
        assertEquals(Optional.empty(), flaw("{\"a\":"));
        assertEquals(Optional.empty(), flaw("{\"a\" 1}"));
        assertEquals(Optional.empty(), flaw(""));
    }

    private static Optional<String> flaw(String json) {
        return StrictJson.flaw(json.getBytes(StandardCharsets.UTF_8)).map(StorableText.Refusal::field);
    }
}
