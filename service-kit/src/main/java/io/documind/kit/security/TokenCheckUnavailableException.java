package io.documind.kit.security;

/**
 * A token cannot be checked either way right now (the issuer's keys or the authority versions are not at hand):
 * the caller gets 503 with {@code Retry-After} and should retry, rather than a 401 that would wrongly call its token
 * bad, or a pass that would let a revoked token through.
 */
public class TokenCheckUnavailableException extends RuntimeException {

    public TokenCheckUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
