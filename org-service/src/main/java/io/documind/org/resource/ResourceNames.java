package io.documind.org.resource;

import io.documind.kit.web.UniqueConstraint;
import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/**
 * An API resource's indicator, or a resource scope's name, taken by a concurrent write after
 * {@link ApiResourceService} checked it: answered 422, as the check answers (the kit's default for a unique race is
 * 409).
 */
@Factory
class ResourceNames {

    @Singleton
    UniqueConstraint indicator() {
        return new UniqueConstraint("api_resource_indicator_key", HttpStatus.UNPROCESSABLE_ENTITY, "indicator",
                "An API resource with this indicator already exists");
    }

    @Singleton
    UniqueConstraint scopeName() {
        return new UniqueConstraint("resource_scope_resource_id_name_key", HttpStatus.UNPROCESSABLE_ENTITY, "name",
                "A scope with this name already exists on this resource");
    }
}
