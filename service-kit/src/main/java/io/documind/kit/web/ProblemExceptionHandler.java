package io.documind.kit.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;

@Singleton
public class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException e) {
        List<Problem.FieldError> errors = e.field() == null ? null : List.of(new Problem.FieldError(e.field(), e.getMessage()));
        Problem body = new Problem("about:blank", e.status().getReason(), e.status().getCode(), e.getMessage(),
                request.getPath(), errors);
        return HttpResponse.<Problem>status(e.status()).body(body).contentType(MediaType.of(Problem.CONTENT_TYPE));
    }
}
