package io.documind.contracts.security;

/** JWT claim names and audience shapes shared by the issuer and every resource service (DESIGN §4). */
public final class TokenClaims {
    public static final String TYPE_HEADER_VALUE = "at+jwt";
    public static final String SCOPE = "scope";
    public static final String CLIENT_ID = "client_id";
    public static final String ORGANIZATION_ID = "organization_id";
    /** User tokens only: the user's email and display name, as org-service knows them. */
    public static final String EMAIL = "email";
    public static final String NAME = "name";

    public static final String DEFAULT_API_AUDIENCE = "urn:documind:api";
    public static final String MANAGEMENT_AUDIENCE = "urn:documind:management";
    public static final String ORGANIZATION_AUDIENCE_PREFIX = "urn:documind:organization:";

    private TokenClaims() {
    }

    public static String organizationAudience(String organizationId) {
        return ORGANIZATION_AUDIENCE_PREFIX + organizationId;
    }

    /** The organization an audience names, or null when it is not an organization audience. */
    public static String organizationOf(String audience) {
        if (audience == null || !audience.startsWith(ORGANIZATION_AUDIENCE_PREFIX)) {
            return null;
        }
        String id = audience.substring(ORGANIZATION_AUDIENCE_PREFIX.length());
        return id.isEmpty() ? null : id;
    }
}
