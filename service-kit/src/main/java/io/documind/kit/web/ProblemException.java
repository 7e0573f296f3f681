package io.documind.kit.web;

import io.micronaut.http.HttpStatus;

/** Thrown by services to answer with a problem document: 404, 409, 422 and friends. */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    public ProblemException(HttpStatus status, String detail) {
        this(status, detail, null);
    }

    public ProblemException(HttpStatus status, String detail, String field) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, what + " not found");
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, detail, field);
    }
}
