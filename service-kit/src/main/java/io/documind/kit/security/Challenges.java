package io.documind.kit.security;

import io.documind.kit.web.Problem;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.util.Set;
import java.util.TreeSet;

/** The refusals of DESIGN §5 as RFC 7807 documents, with the RFC 6750 {@code WWW-Authenticate} challenges. */
final class Challenges {

    private Challenges() {
    }

    /** No bearer token at all: RFC 6750 §3.1 says no error code then. */
    static MutableHttpResponse<Problem> missingToken(HttpRequest<?> request, String detail) {
        return problem(request, HttpStatus.UNAUTHORIZED, detail).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    static MutableHttpResponse<Problem> invalidToken(HttpRequest<?> request, String detail) {
        return problem(request, HttpStatus.UNAUTHORIZED, detail).header(HttpHeaders.WWW_AUTHENTICATE,
                "Bearer error=\"invalid_token\", error_description=\"" + quotable(detail) + "\"");
    }

    static MutableHttpResponse<Problem> insufficientScope(HttpRequest<?> request, Set<String> required) {
        String scopes = String.join(" ", new TreeSet<>(required));
        return problem(request, HttpStatus.FORBIDDEN, "This needs the scope(s): " + scopes)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"" + scopes + "\"");
    }

    /** The issuer's keys cannot be fetched: neither the caller's fault nor a verdict on its token. */
    static MutableHttpResponse<Problem> keysUnavailable(HttpRequest<?> request) {
        return problem(request, HttpStatus.SERVICE_UNAVAILABLE,
                "Access tokens cannot be checked right now; try again shortly").header(HttpHeaders.RETRY_AFTER, "1");
    }

    /** A static resource (the OpenAPI document, Swagger UI) is there to be read, nothing else. */
    static MutableHttpResponse<Problem> readOnly(HttpRequest<?> request) {
        return problem(request, HttpStatus.METHOD_NOT_ALLOWED, "This resource is read-only: use GET")
                .header(HttpHeaders.ALLOW, "GET, HEAD");
    }

    private static MutableHttpResponse<Problem> problem(HttpRequest<?> request, HttpStatus status, String detail) {
        return Problem.response(request, status, detail, null);
    }

    private static String quotable(String s) {
        return s.replace('"', '\'').replace('\\', '/');
    }
}
