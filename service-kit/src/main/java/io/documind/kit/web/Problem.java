package io.documind.kit.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** An RFC 7807 problem document; {@code errors} names the offending fields of a 400. */
@Serdeable
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance,
                      @Nullable List<FieldError> errors) {

    public static final String CONTENT_TYPE = "application/problem+json";

    /** The answer carrying a problem of {@code status} about {@code request}; headers may be added to it. */
    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, HttpStatus status, @Nullable String detail,
                                                        @Nullable List<FieldError> errors) {
        Problem body = new Problem("about:blank", status.getReason(), status.getCode(), detail, request.getPath(), errors);
        return HttpResponse.<Problem>status(status).body(body).contentType(MediaType.of(CONTENT_TYPE));
    }

    @Serdeable
    public record FieldError(@Nullable String field, String message) {
    }
}
