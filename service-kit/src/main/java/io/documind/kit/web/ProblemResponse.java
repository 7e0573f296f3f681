package io.documind.kit.web;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The RFC 7807 problems a route answers, for the service's generated OpenAPI document: put the ones a route really
 * answers on its method, as {@code @ProblemResponse.NotFound}. Each carries the swagger {@link ApiResponse} it stands
 * for, so the document lists the status with the {@link Problem} schema (401 and 403 come with
 * {@code @Authorized}). They change nothing at run time.
 */
public final class ProblemResponse {

    private ProblemResponse() {
    }

    /** 400: a field is missing, malformed or out of range; {@code errors} names it. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "400", description = "Bad input; the problem's errors name the field",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface BadRequest {
    }

    /** 404: no such object, or another organization's (the two answer alike). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "404", description = "Not found; another organization's answers the same",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface NotFound {
    }

    /** 409: it clashes with what exists (a taken email, a second pending invitation). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "409", description = "Conflicts with an existing one",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Conflict {
    }

    /** 412: {@code If-Match} names a version that is no longer current. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "412", description = "Changed since you read it: If-Match does not match the ETag",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface PreconditionFailed {
    }

    /** 413: the content is larger than the documented limit. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "413", description = "Content larger than the documented limit",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface ContentTooLarge {
    }

    /** 422: well-formed, but a rule refuses it (an unknown role, the last Admin, a final status). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "422", description = "A rule refuses it; the detail says which",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface RuleRefused {
    }

    /** 429 with {@code Retry-After}. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "429", description = "Too soon; try again after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "Seconds to wait",
                    schema = @Schema(type = "integer")),
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface TooManyRequests {
    }
}
