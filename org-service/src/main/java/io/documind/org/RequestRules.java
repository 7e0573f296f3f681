package io.documind.org;

/** Validation rules the request bodies share. */
public final class RequestRules {

    /**
     * A PATCH's optional name, when present, must keep something after {@code strip()}, which the services apply
     * before storing (empty names break the tables' checks and the events' schemas). {@code \P{javaWhitespace}}
     * is exactly what strip() keeps; {@code \S} alone would let Unicode spaces such as U+2003 through.
     */
    public static final String NOT_BLANK = ".*\\P{javaWhitespace}.*";
    public static final String NOT_BLANK_MESSAGE = "must not be blank";

    private RequestRules() {
    }
}
