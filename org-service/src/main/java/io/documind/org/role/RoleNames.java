package io.documind.org.role;

import io.documind.kit.web.UniqueConstraint;
import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/**
 * A global role's name taken by a concurrent creation or rename after {@link RoleService} checked it: answered 422
 * on {@code name}, as the check answers (the kit's default for a unique race is 409).
 */
@Factory
class RoleNames {

    @Singleton
    UniqueConstraint name() {
        return new UniqueConstraint("role_name_key", HttpStatus.UNPROCESSABLE_ENTITY, "name",
                "A role with this name already exists");
    }
}
