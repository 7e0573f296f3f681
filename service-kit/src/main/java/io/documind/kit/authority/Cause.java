package io.documind.kit.authority;

/** Why a floor was raised: the org-service event that shrank the authority, and how a refusal names it. */
public enum Cause {
    MembershipRemoved("the member was removed from the organization"),
    MemberRolesChanged("the member's roles in the organization changed"),
    OrganizationDeleted("the organization was deleted"),
    UserDeleted("the user was deleted"),
    UserSuspended("the user was suspended"),
    PasswordChanged("the user's password was changed"),
    EmailChanged("the user's email address was changed"),
    ApplicationDeleted("the application was deleted"),
    ApplicationSecretRotated("the application's secret was rotated"),
    ApplicationRemovedFromOrganization("the application was removed from the organization"),
    ApplicationRolesChanged("the application's roles in the organization changed");

    private final String what;

    Cause(String what) {
        this.what = what;
    }

    /** The {@code error_description} of the 401: why, and that a new token is needed. */
    String refusal() {
        if (this == OrganizationDeleted) {
            return "The access token is for an organization that was deleted; no new token can be issued for it";
        }
        return "The access token was issued before " + what + "; request a new token";
    }
}
