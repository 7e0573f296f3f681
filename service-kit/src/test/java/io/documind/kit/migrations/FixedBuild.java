package io.documind.kit.migrations;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Optional;

/** A test stands in for a packaged jar by naming the build it runs as. */
@Singleton
@Replaces(RunningBuild.class)
@Requires(property = FixedBuild.PROPERTY)
class FixedBuild extends RunningBuild {

    static final String PROPERTY = "kit-test.build";

    private final String build;

    FixedBuild(@Property(name = PROPERTY) String build) {
        this.build = build;
    }

    @Override
    public Optional<String> fingerprint() {
        return Optional.of(build);
    }
}
