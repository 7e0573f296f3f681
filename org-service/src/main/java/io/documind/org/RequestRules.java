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

    /** A scope name: it travels space-separated in a token's scope claim, so no spaces. */
    public static final String SCOPE_NAME = "[A-Za-z0-9:_.\\-]{1,128}";
    public static final String SCOPE_NAME_MESSAGE = "A scope name is 1-128 letters, digits or : _ . -";

    private RequestRules() {
    }
}
