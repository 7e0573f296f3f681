package io.documind.kit.web;

/**
 * The kit's refusal of a request's input before any route sees it (text that cannot be stored, a JSON value of
 * the wrong kind): a 400 problem naming the field. A route with its own error format (RFC 6749's token endpoint)
 * maps this one type in a local {@code @Error} handler.
 */
public class BadInputException extends ProblemException {

    private final String reason;

    public BadInputException(String field, String reason) {
        super(io.micronaut.http.HttpStatus.BAD_REQUEST, field + " " + reason, field);
        this.reason = reason;
    }

    /** Why, without the field's name: "must be a boolean". */
    public String reason() {
        return reason;
    }
}
