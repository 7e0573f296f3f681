package io.documind.org;

/** Validation rules the request bodies share. */
public final class RequestRules {

    /** A scope name: it travels space-separated in a token's scope claim, so no spaces. */
    public static final String SCOPE_NAME = "[A-Za-z0-9:_.\\-]{1,128}";
    public static final String SCOPE_NAME_MESSAGE = "A scope name is 1-128 letters, digits or : _ . -";

    private RequestRules() {
    }
}
