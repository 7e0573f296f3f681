package io.documind.localstack;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreePortsTest {

    @Test
    void distinctPortsAreAllDifferentAndFreeAgainOnceReturned() {
        List<Integer> ports = FreePorts.distinct(32);
        assertEquals(32, new HashSet<>(ports).size(), ports::toString);
        assertTrue(ports.stream().allMatch(FreePorts::isFree), "each is released before they are returned");
    }
}
