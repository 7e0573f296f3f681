package io.documind.org.token;

import io.micronaut.http.HttpStatus;

/** An RFC 6749 §5.2 error of the token endpoint. */
public class OAuthException extends RuntimeException {

    private final String error;
    private final HttpStatus status;
    private final Long retryAfterSeconds;

    public OAuthException(String error, String description) {
        this(error, description, HttpStatus.BAD_REQUEST, null);
    }

    public OAuthException(String error, String description, HttpStatus status, Long retryAfterSeconds) {
        super(description);
        this.error = error;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String error() {
        return error;
    }

    public HttpStatus status() {
        return status;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static OAuthException invalidRequest(String description) {
        return new OAuthException("invalid_request", description);
    }

    static OAuthException invalidGrant(String description) {
        return new OAuthException("invalid_grant", description);
    }

    static OAuthException invalidClient() {
        return new OAuthException("invalid_client", "Client authentication failed", HttpStatus.UNAUTHORIZED, null);
    }
}
