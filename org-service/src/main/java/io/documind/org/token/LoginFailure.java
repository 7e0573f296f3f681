package io.documind.org.token;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** {@link LoginThrottle}'s failures counted under one key. */
@MappedEntity("login_failure")
public record LoginFailure(@Id String key, int failures, Instant windowStart, @Nullable Instant blockedUntil) {

    LoginThrottle.Failures counted() {
        return new LoginThrottle.Failures(failures, windowStart, blockedUntil);
    }
}
