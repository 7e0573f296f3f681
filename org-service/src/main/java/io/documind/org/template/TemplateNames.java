package io.documind.org.template;

import io.documind.kit.web.UniqueConstraint;
import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/**
 * A template role's or scope's name taken by a concurrent creation or rename after {@link TemplateService} checked
 * it: answered 422 on {@code name}, as the check answers (the kit's default for a unique race is 409).
 */
@Factory
class TemplateNames {

    @Singleton
    UniqueConstraint scopeName() {
        return new UniqueConstraint("organization_scope_name_key", HttpStatus.UNPROCESSABLE_ENTITY, "name",
                "An organization scope with this name already exists");
    }

    @Singleton
    UniqueConstraint roleName() {
        return new UniqueConstraint("organization_role_name_key", HttpStatus.UNPROCESSABLE_ENTITY, "name",
                "An organization role with this name already exists");
    }
}
