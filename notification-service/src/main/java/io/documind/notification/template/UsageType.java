package io.documind.notification.template;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * What an email is for (Logto calls it the template's usage type). Each has one template and a fixed set of
 * placeholders its sender fills in; {@code {{link}}} and {@code {{code}}} carry secrets, so it may appear in the
 * content only, never in the subject (which the delivery log stores).
 */
public enum UsageType {
    ORGANIZATION_INVITATION("OrganizationInvitation",
            Set.of("link", "organizationName", "organizationId", "inviterName", "inviterEmail", "invitee", "roles",
                    "expiresAt"),
            Set.of("link")),
    ORGANIZATION_WELCOME("OrganizationWelcome",
            Set.of("organizationName", "organizationId", "creatorEmail"),
            Set.of()),
    INVITATION_ACCEPTED("InvitationAccepted",
            Set.of("organizationName", "organizationId", "invitee", "roles", "inviterName", "inviterEmail"),
            Set.of()),
    /** org-service refused an accepted invitation's roles (InvitationGrantRefused): the inviter learns it. */
    INVITATION_NOT_GRANTED("InvitationNotGranted",
            Set.of("organizationName", "organizationId", "invitee", "roles", "inviterName", "inviterEmail"),
            Set.of()),
    /** Email verification: the one-time code, and a link that verifies without typing it. */
    REGISTER("Register", Set.of("code", "link", "name", "email", "expiresAt"), Set.of("code")),
    /** Password reset: the one-time code to type with the new password. */
    FORGOT_PASSWORD("ForgotPassword", Set.of("code", "name", "email", "expiresAt"), Set.of("code"));

    /** Placeholders whose values are secrets: allowed in the content only. */
    public static final Set<String> SECRET_PLACEHOLDERS = Set.of("link", "code");

    private final String wireName;
    private final Set<String> placeholders;
    private final Set<String> requiredInContent;

    UsageType(String wireName, Set<String> placeholders, Set<String> requiredInContent) {
        this.wireName = wireName;
        this.placeholders = placeholders;
        this.requiredInContent = requiredInContent;
    }

    /** The name in the API and the database, e.g. {@code OrganizationInvitation}. */
    public String wireName() {
        return wireName;
    }

    public Set<String> placeholders() {
        return placeholders;
    }

    /** Placeholders the content must use: an invitation without its link is useless. */
    public Set<String> requiredInContent() {
        return requiredInContent;
    }

    public static Optional<UsageType> byWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
