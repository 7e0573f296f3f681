package io.documind.kit.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** A constraint the test routes' service answers as its own check does (422), not as the kit's default 409. */
@Factory
class InputTestConstraints {

    static final String NAME = "input_thing_name_key";

    @Singleton
    UniqueConstraint thingName() {
        return new UniqueConstraint(NAME, HttpStatus.UNPROCESSABLE_ENTITY, "name", "A thing with this name exists");
    }
}
