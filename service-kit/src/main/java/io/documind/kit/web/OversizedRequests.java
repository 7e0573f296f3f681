package io.documind.kit.web;

import io.documind.kit.security.PublicEndpoint;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * 414 for a request line too long to read and 431 for headers too large, instead of 413. Why: Micronaut 4.10 answers
 * each of Netty's "too long" decoder failures 413 (Content Too Large), which names the body, so a client with a long
 * URL or big cookies was told to send less content. Micronaut hands that 413 to a global status route when there is
 * one, and fails the route's arguments with the decoder's exception, which then goes to the exception's route:
 * that is where the failure is told apart.
 */
@PublicEndpoint
@Controller
class OversizedRequests {

    private final ProblemResponses problems;

    OversizedRequests(ProblemResponses problems) {
        this.problems = problems;
    }

    /** Any other 413 a route answers without a body of its own: the answer Micronaut gives by default. */
    @Error(status = HttpStatus.REQUEST_ENTITY_TOO_LARGE, global = true)
    MutableHttpResponse<?> tooLarge(HttpRequest<?> request) {
        return refuse(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, HttpStatus.REQUEST_ENTITY_TOO_LARGE.getReason());
    }

    @Error(exception = TooLongFrameException.class, global = true)
    MutableHttpResponse<?> tooLong(HttpRequest<?> request, TooLongFrameException failure) {
        if (failure instanceof TooLongHttpLineException) {
            return refuse(request, HttpStatus.REQUEST_URI_TOO_LONG,
                    "The request's URL is longer than this service reads");
        }
        if (failure instanceof TooLongHttpHeaderException) {
            return refuse(request, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "The request's headers are larger than this service reads");
        }
        return refuse(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, HttpStatus.REQUEST_ENTITY_TOO_LARGE.getReason());
    }

    /** Rendered as every framework error is ({@link ProblemResponses}, or a service's replacement; HEAD stays empty). */
    private MutableHttpResponse<?> refuse(HttpRequest<?> request, HttpStatus status, String message) {
        return problems.processResponse(ErrorContext.builder(request).errorMessage(message).build(),
                HttpResponse.status(status));
    }
}
