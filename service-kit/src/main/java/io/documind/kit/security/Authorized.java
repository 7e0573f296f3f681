package io.documind.kit.security;

import io.documind.kit.web.Problem;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which tokens may call a route (on a controller class or method; the method wins). Routes are denied by
 * default: a route with neither this nor {@link PublicEndpoint} answers 401 to everyone.
 *
 * <p>A token of a kind not listed → 401 (wrong audience). A management token must carry {@code all}. An
 * organization or user token must carry every scope in {@link #scopes()} → otherwise 403 with
 * {@code WWW-Authenticate: Bearer error="insufficient_scope"}.
 *
 * <p>The OpenAPI annotations on this annotation put the bearer requirement and those two problem responses on every
 * route it marks, in each service's generated document (see {@link AccessTokenScheme}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@SecurityRequirement(name = AccessTokenScheme.NAME)
@ApiResponse(responseCode = "401", description = "No token, or not a valid one for this route",
        content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The token is valid but not allowed this: a scope it lacks, or a "
        + "rule of the route (another organization named, another user's invitation)",
        content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface Authorized {

    TokenKind[] value();

    String[] scopes() default {};
}
