package io.documind.kit.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import jakarta.inject.Singleton;

/**
 * Bodies Netty cannot decode reach the route as exceptions that Micronaut answers 500 (a black-box probe: a gzip body
 * with a reserved flag or a bad CRC, a form field {@code %ZZ}). They are the caller's: 400 problems naming the body.
 * A route with its own error format maps the two types in local {@code @Error} handlers, as for
 * {@link BadInputException}.
 */
public final class UndecodableBodies {

    private UndecodableBodies() {
    }

    /** A body whose {@code Content-Encoding} (gzip, deflate) does not decompress. */
    @Singleton
    public static class Compressed implements ExceptionHandler<DecompressionException, HttpResponse<Problem>> {

        /** Netty has taken the Content-Encoding header off by now: the message cannot name it. */
        public static final String MESSAGE = "does not decompress as its Content-Encoding says";

        private final ProblemExceptionHandler problems;

        Compressed(ProblemExceptionHandler problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<Problem> handle(HttpRequest request, DecompressionException e) {
            return problems.handle(request, new BadInputException("body", MESSAGE));
        }
    }

    /** A form body with a malformed %-escape. */
    @Singleton
    public static class Form
            implements ExceptionHandler<HttpPostRequestDecoder.ErrorDataDecoderException, HttpResponse<Problem>> {

        public static final String MESSAGE = "is not a well-formed application/x-www-form-urlencoded form (a % must "
                + "start an escape of two hex digits)";

        private final ProblemExceptionHandler problems;

        Form(ProblemExceptionHandler problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<Problem> handle(HttpRequest request, HttpPostRequestDecoder.ErrorDataDecoderException e) {
            return problems.handle(request, new BadInputException("body", MESSAGE));
        }
    }
}
