package io.documind.kit.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpokenDurationTest {

    @Test
    void saysThePeriodInTheLargestWholeUnit() {
        assertEquals("24 hours", SpokenDuration.of(Duration.ofHours(24)));
        assertEquals("1 hour", SpokenDuration.of(Duration.ofMinutes(60)));
        assertEquals("1 minute", SpokenDuration.of(Duration.ofSeconds(60)));
        assertEquals("90 minutes", SpokenDuration.of(Duration.ofMinutes(90)));
        assertEquals("90 seconds", SpokenDuration.of(Duration.ofSeconds(90)));
        assertEquals("1 second", SpokenDuration.of(Duration.ofMillis(1500)));
        assertEquals("0 seconds", SpokenDuration.of(Duration.ZERO));
    }
}
