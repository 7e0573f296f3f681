package io.documind.kit.security;

import io.micronaut.context.annotation.Replaces;
import io.documind.kit.web.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Answers micronaut-security's rejection with the refusal {@link AuthorizedRule} prepared: an RFC 7807 problem with
 * the RFC 6750 challenge that says what was wrong (the library's handler knows only 401 or 403, with no body).
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
class AccessRefusalHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        // AuthorizedRule decides first and always; another rule's rejection would only come without an answer.
        return AuthorizedRule.refusal(request).orElseGet(() -> exception.isForbidden()
                ? Problem.response(request, HttpStatus.FORBIDDEN, "This call is not allowed", null)
                : Challenges.missingToken(request, "An access token is required (Authorization: Bearer)"));
    }
}
