package io.documind.kit.web;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every error the framework renders (bad JSON, failed validation, unknown route, unhandled exception)
 * becomes an RFC 7807 {@code application/problem+json} document. A 5xx never echoes internals.
 */
@Primary
@Singleton
public class ProblemJsonBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    /** "argument.field[0].sub: message" as bean validation phrases a violation. */
    private static final Pattern VIOLATION = Pattern.compile("([A-Za-z_$][\\w$.\\[\\]<>]*): (.+)", Pattern.DOTALL);

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        String title = HttpStatus.valueOf(status).getReason();
        String path = context.getRequest().getPath();
        if (status >= 500) {
            return new Problem("about:blank", title, status, "The server could not complete the request.", path, null);
        }
        List<Problem.FieldError> errors = context.getErrors().stream().map(ProblemJsonBodyProvider::fieldError).toList();
        String detail = errors.isEmpty() ? title : errors.get(0).message();
        return new Problem("about:blank", title, status, detail, path, errors.isEmpty() ? null : errors);
    }

    /**
     * Bean validation reports "body.name: must not be blank" with no path; API consumers want the field
     * ("name") on its own, so it is taken from the message when the framework gives none.
     */
    static Problem.FieldError fieldError(io.micronaut.http.server.exceptions.response.Error error) {
        String message = error.getMessage();
        if (error.getPath().isPresent()) {
            return new Problem.FieldError(error.getPath().get(), message);
        }
        Matcher m = VIOLATION.matcher(message == null ? "" : message);
        if (m.matches()) {
            String path = m.group(1);
            int dot = path.indexOf('.');
            return new Problem.FieldError(dot < 0 ? path : path.substring(dot + 1), message);
        }
        return new Problem.FieldError(null, message);
    }

    @Override
    public String contentType() {
        return Problem.CONTENT_TYPE;
    }
}
