package io.documind.kit.consumer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterReasonTest {

    @Test
    void aLongReasonIsCutSoTheDeadLetterStaysStorable() {
        String reason = DeadLetterTopic.reasonOf(new IllegalArgumentException("bad field; ".repeat(100_000)));
        assertEquals(DeadLetterTopic.MAX_REASON_CHARS + 3, reason.length());
        assertTrue(reason.startsWith("IllegalArgumentException: bad field; "), reason.substring(0, 60));
        assertTrue(reason.endsWith("..."));
        assertEquals("IllegalStateException: short", DeadLetterTopic.reasonOf(new IllegalStateException("short")));
    }
}
