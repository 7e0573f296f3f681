package io.documind.notification.invitation;

import io.documind.contracts.events.Actor;

import java.util.List;

/** How invitation facts read in an email. */
final class InvitationValues {

    private InvitationValues() {
    }

    /** Events name the inviter by user id and email only; an invitation made with a management token has none. */
    static String inviterName(Actor inviter) {
        return inviter != null && inviter.email() != null ? inviter.email() : "A DocuMind administrator";
    }

    static String inviterEmail(Actor inviter) {
        return inviter != null && inviter.email() != null ? inviter.email() : "";
    }

    static String roles(List<String> roles) {
        return roles == null || roles.isEmpty() ? "a member" : String.join(", ", roles);
    }
}
