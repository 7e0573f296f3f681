package io.documind.kit.security;

/** The three kinds of access token of DESIGN §4, told apart by their audience. */
public enum TokenKind {
    /** {@code aud} = the API resource (default {@code urn:documind:api}); obtained by password or refresh_token. */
    USER,
    /** {@code aud} = {@code urn:documind:organization:{id}}; scopes are the member's organization scopes. */
    ORGANIZATION,
    /** {@code aud} = {@code urn:documind:management}, scope {@code all}; a machine-to-machine app's token. */
    MANAGEMENT
}
