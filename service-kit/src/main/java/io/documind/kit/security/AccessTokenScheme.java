package io.documind.kit.security;

import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the bearer scheme that every {@link Authorized} route requires in the service's OpenAPI document (the
 * requirement and the 401/403 problem responses come with {@link Authorized} itself). Put it on the service's
 * application class, next to its {@code @OpenAPIDefinition}; Swagger UI's "Authorize" then takes a token.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SecurityScheme(name = AccessTokenScheme.NAME, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token (RS256 JWT, typ at+jwt) from org-service's POST /oidc/token: a user, "
                + "organization or management token, as the route says (DESIGN §4)")
public @interface AccessTokenScheme {

    /** The scheme's name in {@code components.securitySchemes}. */
    String NAME = "bearer";
}
