package io.documind.kit.security;

/**
 * A presented token was refused (401, {@code error="invalid_token"}). The message is safe to show the caller:
 * it says what was wrong, never anything about our keys.
 */
public class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String description) {
        super(description, null, false, false);
    }
}
