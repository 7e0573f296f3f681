package io.documind.org.token;

import io.documind.org.identity.UserAuthorities.UserAuthority;

import java.util.Optional;

/**
 * Whether a sign-in may still give tokens: its user exists, is not suspended, and its authority version has not
 * grown since the sign-in began (a password or email change or a suspension raises it, and ends every sign-in
 * before it).
 */
public final class SignInRule {

    private SignInRule() {
    }

    /**
     * Why the sign-in is refused ({@code invalid_grant}'s description), or empty when it may go on.
     *
     * @param current       the user now, with its version; null when the user is gone
     * @param signInVersion the user's version when the sign-in began
     */
    public static Optional<String> refusal(UserAuthority current, long signInVersion) {
        if (current == null) {
            return Optional.of("user no longer exists");
        }
        if (current.user().suspended()) {
            return Optional.of("the account is suspended");
        }
        if (current.version() > signInVersion) {
            return Optional.of("the sign-in ended when the account's password or email changed or it was "
                    + "suspended; sign in again");
        }
        return Optional.empty();
    }
}
