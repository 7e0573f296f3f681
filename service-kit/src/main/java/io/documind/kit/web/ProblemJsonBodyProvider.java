package io.documind.kit.web;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every error the framework renders (bad JSON, failed validation, unknown route, unhandled exception)
 * becomes an RFC 7807 {@code application/problem+json} document. A 5xx never echoes internals.
 */
@Primary
@Singleton
public class ProblemJsonBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    /** Micronaut's words for a value it could not convert (a query parameter, a body, a property in it). */
    private static final Pattern CONVERSION =
            Pattern.compile("Failed to convert argument \\[([^\\]]+)] for value \\[.*?] due to: (.*)", Pattern.DOTALL);
    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Unknown property \\[([^\\]]+)]");
    /** "Error decoding property [String title] of type ...": the field's name is the last word. */
    private static final Pattern PROPERTY = Pattern.compile("Error decoding property \\[[^\\]]*?(\\w+)]");
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
        List<Problem.FieldError> errors = context.getErrors().stream()
                .map(error -> fieldError(error, context.getRequest().getParameters().names())).toList();
        String detail = errors.isEmpty() ? title : errors.get(0).message();
        return new Problem("about:blank", title, status, detail, path, errors.isEmpty() ? null : errors);
    }

    /**
     * Bean validation reports "body.name: must not be blank" with no path; API consumers want the field
     * ("name") on its own, so it is taken from the message when the framework gives none. {@code queryNames}: the
     * request's parameter names, to name a query parameter as the caller wrote it.
     */
    static Problem.FieldError fieldError(io.micronaut.http.server.exceptions.response.Error error,
                                         Set<String> queryNames) {
        String message = error.getMessage();
        Matcher conversion = CONVERSION.matcher(message == null ? "" : message);
        if (conversion.matches()) {
            return unconverted(conversion.group(1), conversion.group(2), queryNames);
        }
        if (error.getPath().isPresent()) {
            String path = error.getPath().get(); // "/token" for a missing parameter: the caller's name is "token"
            return new Problem.FieldError(path.startsWith("/") ? path.substring(1) : path, message);
        }
        Matcher m = VIOLATION.matcher(message == null ? "" : message);
        if (m.matches()) {
            String path = m.group(1);
            int dot = path.indexOf('.');
            return new Problem.FieldError(dot < 0 ? path : path.substring(dot + 1), message);
        }
        return new Problem.FieldError(null, message);
    }

    /**
     * "Failed to convert argument [limit] for value [abc] due to: For input string ..." and its kin: the framework's
     * words name Java types and parser internals ({@code DocumentRequests$NewDocument}, {@code StreamReadFeature}) and
     * put the field as "/limit" or "/body". The caller gets the field it sent and what is wrong with it.
     */
    private static Problem.FieldError unconverted(String argument, String cause, Set<String> queryNames) {
        Matcher unknown = UNKNOWN_PROPERTY.matcher(cause);
        if (unknown.find()) {
            return new Problem.FieldError(unknown.group(1), unknown.group(1) + " is not a field of this body");
        }
        if (cause.contains("Invalid UTF-8")) {
            return new Problem.FieldError("body", "body is not UTF-8");
        }
        Matcher property = PROPERTY.matcher(cause);
        if (property.find()) {
            String name = property.group(1);
            return new Problem.FieldError(name, name + " is not a value of the kind it takes");
        }
        // A query or path parameter (or a body as a whole), named as the caller wrote it where the query has it.
        String snake = snakeCase(argument);
        String name = !queryNames.contains(argument) && queryNames.contains(snake) ? snake : argument;
        return new Problem.FieldError(name, name + " is not a value of the kind it takes (a number, an id...)");
    }

    private static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String contentType() {
        return Problem.CONTENT_TYPE;
    }
}
