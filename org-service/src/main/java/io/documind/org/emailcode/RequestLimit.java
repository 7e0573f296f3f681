package io.documind.org.emailcode;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** The requests counted for a key in its current window; see {@link RequestLimits}. */
@MappedEntity("request_limit")
public record RequestLimit(@Id String key, Instant windowStart, int count) {
}
