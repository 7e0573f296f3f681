package io.documind.invitation.lifecycle;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The one clock every expiry and rate-limit decision reads, so tests can move time instead of waiting. */
@Factory
public class Clocks {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
