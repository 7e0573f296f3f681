package io.documind.kit.web;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Every error the framework renders (bad JSON, failed validation, unknown route, unhandled exception)
 * becomes an RFC 7807 {@code application/problem+json} document. A 5xx never echoes internals.
 */
@Primary
@Singleton
public class ProblemJsonBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        String title = HttpStatus.valueOf(status).getReason();
        String path = context.getRequest().getPath();
        if (status >= 500) {
            return new Problem("about:blank", title, status, "The server could not complete the request.", path, null);
        }
        List<Problem.FieldError> errors = context.getErrors().stream()
                .map(e -> new Problem.FieldError(e.getPath().orElse(null), e.getMessage()))
                .toList();
        String detail = errors.isEmpty() ? title : errors.get(0).message();
        return new Problem("about:blank", title, status, detail, path, errors.isEmpty() ? null : errors);
    }

    @Override
    public String contentType() {
        return Problem.CONTENT_TYPE;
    }
}
