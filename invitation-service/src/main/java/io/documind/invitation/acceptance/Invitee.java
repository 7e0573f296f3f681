package io.documind.invitation.acceptance;

import io.documind.kit.security.AccessToken;

/**
 * The signed-in user who opens or accepts an invitation. The email and whether the user proved it come from the
 * user token, i.e. from org-service's record of the user, never from the request.
 */
public record Invitee(String userId, String email, boolean emailVerified) {

    public static Invitee of(AccessToken token) {
        return new Invitee(token.subject(), token.email(), token.emailVerified());
    }
}
