package io.documind.org.identity;

import io.documind.kit.web.Problem;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A full password-hashing queue as a 503 problem with Retry-After (the token endpoint answers in RFC 6749's shape). */
@Singleton
public class PasswordHashingBusyHandler implements ExceptionHandler<PasswordHashingBusyException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, PasswordHashingBusyException e) {
        return Problem.response(request, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), null)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(PasswordHashingBusyException.RETRY_AFTER_SECONDS));
    }
}
