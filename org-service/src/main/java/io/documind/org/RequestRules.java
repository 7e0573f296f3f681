package io.documind.org;

/** Validation rules the request bodies share. */
public final class RequestRules {

    /**
     * A name must hold a character that shows: not white space as {@code strip()} (which the services apply before
     * storing) counts it, since empty names break the tables' checks and the events' schemas, and not a space
     * separator, control or format character either, which {@code strip()} and {@code @NotBlank} keep: a name of one
     * no-break space (U+00A0) or zero-width space (U+200B) was stored and shows as nothing (a black-box probe).
     */
    public static final String NOT_BLANK = ".*[^\\p{javaWhitespace}\\p{Z}\\p{Cc}\\p{Cf}].*";
    public static final String NOT_BLANK_MESSAGE = "must not be blank";

    /** A scope name: it travels space-separated in a token's scope claim, so no spaces. */
    public static final String SCOPE_NAME = "[A-Za-z0-9:_.\\-]{1,128}";
    public static final String SCOPE_NAME_MESSAGE = "A scope name is 1-128 letters, digits or : _ . -";

    private RequestRules() {
    }
}
