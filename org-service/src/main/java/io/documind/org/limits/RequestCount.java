package io.documind.org.limits;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** Requests counted under one key in the fixed window that began at {@code windowStart}. */
@MappedEntity("request_limit")
public record RequestCount(@Id String key, Instant windowStart, int count) {
}
