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
    /** User tokens: whether the user proved the email address (a code or link sent to it, or an invitation). */
    public static final String EMAIL_VERIFIED = "email_verified";
    /**
     * The subject's authority version when the token was issued (every token). org-service raises it when the
     * authority of the user or application shrinks (deleted, suspended, password changed, secret rotated) and
     * publishes the new value in that event; services refuse a token whose value is below the newest they saw.
     */
    public static final String AUTHORITY_VERSION = "authority_version";
    /**
     * The authority version of (subject, organization) when an organization token was issued. Raised when the
     * membership is removed or its roles change (MembershipRemoved, MemberRolesChanged carry the new value).
     */
    public static final String ORGANIZATION_AUTHORITY_VERSION = "organization_authority_version";

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
