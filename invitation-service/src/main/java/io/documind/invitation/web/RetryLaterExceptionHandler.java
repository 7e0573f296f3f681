package io.documind.invitation.web;

import io.documind.kit.web.Problem;
import io.documind.kit.web.ProblemExceptionHandler;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The kit's problem document, plus the Retry-After header a 429 must carry. */
@Singleton
public class RetryLaterExceptionHandler implements ExceptionHandler<RetryLaterException, HttpResponse<Problem>> {

    private final ProblemExceptionHandler problems;

    public RetryLaterExceptionHandler(ProblemExceptionHandler problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RetryLaterException e) {
        MutableHttpResponse<Problem> response = (MutableHttpResponse<Problem>) problems.handle(request, e);
        return response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
    }
}
