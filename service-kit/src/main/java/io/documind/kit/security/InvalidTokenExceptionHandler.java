package io.documind.kit.security;

import io.documind.kit.web.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A token refused after the request's security check passed: a service's own later check (as
 * {@code CommittedAuthority} under a write's locks) answers as the check itself would, 401 {@code invalid_token}.
 */
@Singleton
public class InvalidTokenExceptionHandler implements ExceptionHandler<InvalidTokenException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, InvalidTokenException e) {
        return Challenges.invalidToken(request, e.getMessage());
    }
}
