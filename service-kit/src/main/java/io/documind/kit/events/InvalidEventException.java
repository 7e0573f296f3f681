package io.documind.kit.events;

/** A record that can never be applied: not an envelope, an unknown type, or data that breaks its schema. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
